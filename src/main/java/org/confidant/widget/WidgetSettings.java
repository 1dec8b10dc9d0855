package org.confidant.widget;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The widget's settings ({@code confidant.widget.*}).
 *
 * @param visitorTokenLifetime how long a visitor token works; an open chat gets a new one
 * at half of it. Between {@link #MIN_TOKEN_LIFETIME} (short lifetimes are for tests) and
 * {@link #MAX_TOKEN_LIFETIME}.
 */
@ConfigurationProperties("confidant.widget")
public record WidgetSettings(@DefaultValue("1h") Duration visitorTokenLifetime) {

    static final Duration MIN_TOKEN_LIFETIME = Duration.ofSeconds(10);
    static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);

    public WidgetSettings {
        if (visitorTokenLifetime.compareTo(MIN_TOKEN_LIFETIME) < 0
                || visitorTokenLifetime.compareTo(MAX_TOKEN_LIFETIME) > 0) {
            throw new IllegalArgumentException("confidant.widget.visitor-token-lifetime must be between 10s and 24h");
        }
    }
}
