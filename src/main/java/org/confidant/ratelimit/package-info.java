/**
 * Rate limits: named budgets ({@link org.confidant.ratelimit.RateLimit}) per key — new widget visitors and new
 * conversations per IP address, messages per visitor and per socket, uploads per visitor, API calls per token, passkey
 * sign-in requests per IP address — spent through {@link
 * org.confidant.ratelimit.RateLimits#spend}, which throws {@link org.confidant.shared.RateLimited} (a 429 with
 * {@code Retry-After} on HTTP, an error frame on sockets). Token buckets from Bucket4j, refilled smoothly, kept behind
 * Bucket4j's {@code ProxyManager}: in memory on one node, shared (e.g. Redis) on several. Addresses are the ones the
 * transport layer trusts: {@code X-Forwarded-For} counts only from the configured proxies.
 *
 * <p>Sign-in attempts have their own, growing delays ({@code identity.SignInThrottle}).
 */
package org.confidant.ratelimit;
