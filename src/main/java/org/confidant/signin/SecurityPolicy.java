package org.confidant.signin;

import java.time.Duration;

import org.springframework.modulith.NamedInterface;

/**
 * A workspace's security policies.
 *
 * @param twoFactorRequired whether members must have a second factor: one without is sent
 * to enrol at their next sign-in and sees nothing else until they have
 * @param idleTimeout how long a session lasts without a request
 * @param absoluteLifetime how long after signing in a session ends, however active
 */
@NamedInterface("api")
public record SecurityPolicy(boolean twoFactorRequired, Duration idleTimeout, Duration absoluteLifetime) {

    static final Duration MIN_IDLE = Duration.ofMinutes(5);
    static final Duration MAX_IDLE = Duration.ofHours(24);
    static final Duration MIN_LIFETIME = Duration.ofHours(1);
    static final Duration MAX_LIFETIME = Duration.ofDays(30);

}
