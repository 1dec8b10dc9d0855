package org.confidant.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long dashboard sessions last (the idle timeout is {@code server.servlet.session.timeout}, 30 minutes).
 *
 * @param absoluteLifetime how long after signing in a session ends, however active it is
 * @param sweepInterval    how often sessions past their lifetime are looked for
 */
@ConfigurationProperties("confidant.sessions")
public record SessionSettings(@DefaultValue("12h") Duration absoluteLifetime, @DefaultValue("15s") Duration sweepInterval) {
}
