package org.confidant.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.confidant.job.RecurringWork;
import org.confidant.shared.Timestamps;
import org.confidant.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every few minutes, on one node, deletes the exports whose time is up (24 hours after
 * they were made, or after they were asked for when their job never finished): their
 * encrypted parts, then their rows.
 */
@Component
class ExportExpiry implements RecurringWork {

    private static final Logger log = LoggerFactory.getLogger(ExportExpiry.class);

    private final DataExports exports;

    private final ExportManagement management;

    private final TransactionTemplate transactions;

    private final Clock clock;

    ExportExpiry(DataExports exports, ExportManagement management, PlatformTransactionManager transactions,
            Clock clock) {
        this.exports = exports;
        this.management = management;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "lifecycle.export-expiry";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public void run() {
        List<DataExport> expired = Tenancy.system("expired exports of every workspace",
                () -> exports.expired(Timestamps.now(clock)));
        for (DataExport export : expired) {
            Tenancy.run(export.workspaceId(),
                    () -> transactions.executeWithoutResult(status -> management.expire(export)));
            log.info("Export {} of workspace {} expired and was deleted", export.id(), export.workspaceId());
        }
    }

}
