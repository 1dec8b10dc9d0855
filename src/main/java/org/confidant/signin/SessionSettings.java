package org.confidant.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long dashboard sessions last by default; each workspace may set its own limits (see
 * {@link SecurityPolicies}).
 *
 * @param idleTimeout how long a signed-in session lasts without a request, in a workspace
 * with no limit of its own
 * @param absoluteLifetime how long after signing in a session ends, however active it is,
 * in a workspace with no limit of its own
 * @param sweepInterval how often sessions past their lifetime are looked for
 */
@ConfigurationProperties("confidant.sessions")
public record SessionSettings(@DefaultValue("30m") Duration idleTimeout, @DefaultValue("12h") Duration absoluteLifetime,
        @DefaultValue("15s") Duration sweepInterval) {
}
