package org.confidant.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API's settings ({@code confidant.api.*}).
 *
 * @param tokenLifetime how long a new token lasts when its creator does not say
 * @param maxTokenLifetime the longest lifetime a token may be given
 */
@ConfigurationProperties("confidant.api")
public record ApiSettings(@DefaultValue("90d") Duration tokenLifetime,
        @DefaultValue("365d") Duration maxTokenLifetime) {

    public ApiSettings {
        if (tokenLifetime.isNegative() || tokenLifetime.isZero() || maxTokenLifetime.compareTo(tokenLifetime) < 0) {
            throw new IllegalArgumentException(
                    "confidant.api.token-lifetime must be positive and at most confidant.api.max-token-lifetime");
        }
    }
}
