package org.confidant.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password reset by email ({@code confidant.password-reset.*}, documented in
 * {@code docs/operations.md}); it works once an SMTP server is configured
 * ({@code spring.mail.*}).
 *
 * @param linkLifetime how long a reset link works (it works once)
 * @param mailFrom the sender address of reset emails
 */
@ConfigurationProperties("confidant.password-reset")
public record PasswordResetSettings(@DefaultValue("30m") Duration linkLifetime,
        @DefaultValue("confidant@localhost") String mailFrom) {

    public PasswordResetSettings {
        if (linkLifetime.isNegative() || linkLifetime.isZero() || linkLifetime.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("confidant.password-reset.link-lifetime is more than 0 and at most 24h");
        }
    }
}
