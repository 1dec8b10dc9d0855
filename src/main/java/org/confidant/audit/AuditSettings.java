package org.confidant.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log's settings.
 *
 * @param retention how long entries are kept; older ones are purged (the purge is itself
 * recorded)
 * @param purgeInterval how often the purge looks for entries past the retention
 * @param exportLimit the most entries one export may hold; a larger export is refused
 * (narrow the filters)
 * @param readWindow reads of one object by one member in one session are recorded once
 * per this window
 */
@ConfigurationProperties("confidant.audit")
public record AuditSettings(@DefaultValue("365d") Duration retention, @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("100000") int exportLimit, @DefaultValue("10m") Duration readWindow) {

    public AuditSettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("confidant.audit.retention must be positive");
        }
        if (exportLimit < 1) {
            throw new IllegalArgumentException("confidant.audit.export-limit must be at least 1");
        }
    }
}
