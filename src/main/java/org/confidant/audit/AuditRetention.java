package org.confidant.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.confidant.job.RecurringWork;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.springframework.stereotype.Component;

/**
 * Keeps each workspace's log for its retention ({@link AuditLog#retention}: the
 * workspace's own choice, at least a year, or {@link AuditSettings#retention()}): every
 * {@link AuditSettings#purgeInterval()}, on one node of the deployment, it removes older
 * entries, leaving a signed checkpoint at the chain's new start, and records
 * {@code audit.retention_purged} with how many went.
 */
@Component
class AuditRetention implements RecurringWork {

    private final AuditLog log;

    private final AuditEntries entries;

    private final AuditSettings settings;

    private final Clock clock;

    AuditRetention(AuditLog log, AuditEntries entries, AuditSettings settings, Clock clock) {
        this.log = log;
        this.entries = entries;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "audit.retention";
    }

    @Override
    public Duration interval() {
        return settings.purgeInterval();
    }

    @Override
    public void run() {
        purge();
    }

    /** Purges every workspace's entries past its retention; returns how many went. */
    long purge() {
        Instant now = clock.instant();
        Duration shortest = settings.retention().compareTo(AuditLog.MIN_RETENTION) < 0 ? settings.retention()
                : AuditLog.MIN_RETENTION;
        long purged = 0;
        List<WorkspaceId> workspaces = Tenancy.system("retention looks through every workspace's log",
                () -> entries.workspacesWithEntriesBefore(now.minus(shortest)));
        for (WorkspaceId workspace : workspaces) {
            purged += Tenancy.run(workspace, () -> log.purge(workspace, now.minus(log.retention(workspace))));
        }
        return purged;
    }

}
