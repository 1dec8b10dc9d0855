package org.confidant.lifecycle;

import java.nio.file.Path;
import java.time.Duration;

import org.confidant.workspace.WorkspaceManagement;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The data lifecycle's settings ({@code confidant.lifecycle.*}, documented in
 * {@code docs/operations.md}).
 *
 * @param purgeInterval the wait between two runs of the retention purge
 * @param purgeBatch how many conversations, files or contacts one purge transaction
 * deletes at most (small, so live chat is never held up for long)
 * @param purgeBatchMessages how many messages one purge transaction deletes at most: a
 * batch of conversations is split into transactions whose conversations hold no more
 * messages than this together (a longer conversation goes alone)
 * @param purgeRunLimit how long one purge run may go on before it leaves the rest to the
 * next run
 * @param cancellationGrace how long a cancelled workspace can be restored before its keys
 * are shredded (at most 90 days)
 * @param cancellationWarning how long before the end its owners are emailed
 * @param exportLifetime how long a finished export can be downloaded before it is deleted
 * @param exportLinkLifetime how long one download link works
 * @param exportsDirectory where exports are kept (encrypted) until they expire
 * @param mailFrom the sender of the cancellation emails
 */
@ConfigurationProperties("confidant.lifecycle")
public record LifecycleSettings(@DefaultValue("1m") Duration purgeInterval, @DefaultValue("200") int purgeBatch,
        @DefaultValue("2000") int purgeBatchMessages, @DefaultValue("20s") Duration purgeRunLimit,
        @DefaultValue("30d") Duration cancellationGrace, @DefaultValue("3d") Duration cancellationWarning,
        @DefaultValue("24h") Duration exportLifetime, @DefaultValue("5m") Duration exportLinkLifetime,
        Path exportsDirectory, @DefaultValue("confidant@localhost") String mailFrom) {

    public LifecycleSettings {
        if (cancellationGrace.isNegative() || cancellationGrace.isZero()
                || cancellationGrace.compareTo(WorkspaceManagement.MAX_GRACE) > 0) {
            throw new IllegalArgumentException("confidant.lifecycle.cancellation-grace is at most 90 days");
        }
        if (purgeBatch < 1 || purgeBatch > 10_000) {
            throw new IllegalArgumentException("confidant.lifecycle.purge-batch is 1 to 10000");
        }
        if (purgeBatchMessages < 1 || purgeBatchMessages > 1_000_000) {
            throw new IllegalArgumentException("confidant.lifecycle.purge-batch-messages is 1 to 1000000");
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("confidant.lifecycle.purge-interval is positive");
        }
    }
}
