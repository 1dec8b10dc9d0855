package org.confidant.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Keeps each workspace's log for {@link AuditSettings#retention()} (a year by default):
 * every {@link AuditSettings#purgeInterval()} it removes older entries, keeping the
 * newest removed entry's hash as the chain's anchor, and records
 * {@code audit.retention_purged} with how many went.
 */
@Component
@ConditionalOnWebApplication
class AuditRetention {

    private static final Log LOG = LogFactory.getLog(AuditRetention.class);

    private final AuditLog log;

    private final AuditEntries entries;

    private final AuditSettings settings;

    private final Clock clock;

    private final ScheduledExecutorService scheduler;

    AuditRetention(AuditLog log, AuditEntries entries, AuditSettings settings, Clock clock) {
        this.log = log;
        this.entries = entries;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = Executors
            .newSingleThreadScheduledExecutor(Thread.ofVirtual().name("audit-retention").factory());
        long every = settings.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** Purges every workspace's entries past the retention; returns how many went. */
    long purge() {
        Instant cutoff = clock.instant().minus(settings.retention());
        long purged = 0;
        List<WorkspaceId> workspaces = Tenancy.system("retention looks through every workspace's log",
                () -> entries.workspacesWithEntriesBefore(cutoff));
        for (WorkspaceId workspace : workspaces) {
            purged += log.purge(workspace, cutoff);
        }
        return purged;
    }

    private void purgeSafely() {
        try {
            purge();
        }
        catch (RuntimeException e) {
            LOG.error("audit log retention failed; it runs again in " + settings.purgeInterval(), e);
        }
    }

}
