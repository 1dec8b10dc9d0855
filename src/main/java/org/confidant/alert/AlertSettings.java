package org.confidant.alert;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert settings ({@code confidant.alerts.*}, documented in {@code docs/operations.md}).
 *
 * @param allowedTargets {@code host:port} targets the SSRF guard lets through although
 * their address is refused (an internal relay, a test receiver); the host as the URL
 * writes it
 * @param retryDelays the waits before the second, third... attempt of a delivery; after
 * the last, it has failed
 * @param workerInterval how often the delivery worker looks for deliveries that are due
 * @param signInBurst failed sign-ins in a workspace, within {@code signInBurstWindow},
 * that raise an alert
 * @param signInBurstWindow the window of a burst; one alert per window
 * @param mailFrom the sender address of alert emails (SMTP itself is
 * {@code spring.mail.*})
 * @param timeout connect and response timeout of a webhook delivery
 */
@ConfigurationProperties("confidant.alerts")
public record AlertSettings(@DefaultValue List<String> allowedTargets, @DefaultValue( {
        "5s", "30s", "2m", "10m", "1h" }) List<Duration> retryDelays, @DefaultValue("1s") Duration workerInterval,
        @DefaultValue("10") int signInBurst, @DefaultValue("5m") Duration signInBurstWindow,
        @DefaultValue("confidant@localhost") String mailFrom, @DefaultValue("5s") Duration timeout){

    public AlertSettings {
        allowedTargets = List.copyOf(allowedTargets);
        retryDelays = List.copyOf(retryDelays);
        if (signInBurst < 1) {
            throw new IllegalArgumentException("confidant.alerts.sign-in-burst is at least 1");
        }
    }

    /** How many attempts a delivery gets before it has failed. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }
}
