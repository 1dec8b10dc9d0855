/**
 * Rate limits: named budgets ({@link org.confidant.ratelimit.RateLimit}) per key (new
 * widget visitors and new conversations per address, messages per visitor and per socket,
 * uploads per visitor, API calls per token, passkey sign-ins and password resets per
 * address), spent through {@link org.confidant.ratelimit.RateLimits#spend}, which throws
 * {@link org.confidant.shared.RateLimited}: a 429 with {@code Retry-After} over HTTP, an
 * error frame on a socket. Token buckets from Bucket4j, refilled smoothly, behind
 * Bucket4j's {@code ProxyManager} (in memory on one node). Addresses are the ones the
 * transport layer trusts: {@code X-Forwarded-For} counts only from the configured
 * proxies. Wrong passwords and codes have their own, growing delays
 * ({@code signin.SignInThrottle}), refused with the same exception.
 */
@ApplicationModule(displayName = "Rate limits", allowedDependencies = {})
@NullMarked
package org.confidant.ratelimit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
