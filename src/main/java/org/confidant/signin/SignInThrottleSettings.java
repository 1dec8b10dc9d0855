package org.confidant.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sign-in attempts are throttled (see {@link SignInThrottle}).
 *
 * @param accountFreeFailures failed sign-ins for one email before its attempts are
 * delayed
 * @param addressFreeFailures failed sign-ins from one IP address, whatever the email,
 * before its attempts are delayed
 * @param firstDelay the first delay; each further failure doubles it
 * @param maxDelay the longest delay
 * @param forgetAfter how long after its last failure an email or address starts afresh
 */
@ConfigurationProperties("confidant.sign-in")
public record SignInThrottleSettings(@DefaultValue("5") int accountFreeFailures,
        @DefaultValue("20") int addressFreeFailures, @DefaultValue("1s") Duration firstDelay,
        @DefaultValue("15m") Duration maxDelay, @DefaultValue("24h") Duration forgetAfter) {
}
