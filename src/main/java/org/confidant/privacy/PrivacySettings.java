package org.confidant.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The privacy module's settings ({@code confidant.privacy.*}, documented in
 * {@code docs/operations.md}).
 *
 * @param redactionBudget how long the redaction of one text may take before the text is
 * refused ({@code redaction_failed}); between 1 ms and 1 s
 * @param maxRules the most custom redaction rules a workspace may have (1 to 100)
 */
@ConfigurationProperties("confidant.privacy")
public record PrivacySettings(@DefaultValue("10ms") Duration redactionBudget, @DefaultValue("25") int maxRules) {

    public PrivacySettings {
        if (redactionBudget.compareTo(Duration.ofMillis(1)) < 0
                || redactionBudget.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("confidant.privacy.redaction-budget must be between 1ms and 1s");
        }
        if (maxRules < 1 || maxRules > 100) {
            throw new IllegalArgumentException("confidant.privacy.max-rules must be between 1 and 100");
        }
    }
}
