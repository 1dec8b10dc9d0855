package org.confidant.signin;

import java.time.Instant;

import org.springframework.modulith.NamedInterface;

/**
 * Published when failed sign-ins start delaying an email's or an address's attempts, and
 * each time the delay grows.
 *
 * @param kind what is throttled
 * @param subject the email (as typed, normalised) or the IP address
 * @param failures the failed attempts counted so far
 * @param until when the next attempt will be heard
 */
@NamedInterface("api")
public record SignInThrottled(Kind kind, String subject, int failures, Instant until) {

    /**
     * Throttled per email (whether or not an account has it), per source address, or per
     * account for wrong second-factor codes.
     */
    public enum Kind {

        ACCOUNT, ADDRESS, SECOND_FACTOR

    }
}
