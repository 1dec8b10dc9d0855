package org.confidant.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.confidant.audit.AuditEntryRecorded;
import org.confidant.shared.Timestamps;
import org.confidant.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns committed audit entries into alerts. It listens after the entry's transaction
 * commits (or at once, when the entry is announced outside a transaction), on another
 * thread: whatever happens here (a dead channel, a database hiccup) neither blocks nor
 * rolls back the action the entry reports. The alert and its deliveries are stored in a
 * transaction of their own; the first attempts start as soon as it commits.
 */
@Component
class AlertRaiser {

    private static final Logger log = LoggerFactory.getLogger(AlertRaiser.class);

    private final AlertManagement alerts;

    private final AlertDeliveries deliveries;

    private final AlertDispatcher dispatcher;

    private final AlertSettings settings;

    private final TransactionTemplate transactions;

    private final Clock clock;

    AlertRaiser(AlertManagement alerts, AlertDeliveries deliveries, AlertDispatcher dispatcher, AlertSettings settings,
            TransactionTemplate transactions, Clock clock) {
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void on(AuditEntryRecorded entry) {
        try {
            // the task inherits the scope of the thread that committed the entry, which
            // may act in another
            // workspace (a cross-workspace path recorded it): the alert belongs to the
            // entry's workspace
            List<UUID> raised = Tenancy.system("an entry's alert is raised in the entry's own workspace",
                    () -> Tenancy.run(entry.workspaceId(), () -> transactions.execute(status -> raise(entry))));
            dispatcher.attemptSoon(raised == null ? List.of() : raised);
        }
        catch (RuntimeException e) {
            log.warn("No alert could be raised for audit entry {} of workspace {}: {}", entry.sequence(),
                    entry.workspaceId(), e.toString());
        }
    }

    private List<UUID> raise(AuditEntryRecorded entry) {
        Optional<AlertRule> concerning = AlertRule.concerning(entry);
        if (concerning.isEmpty() || !alerts.isEnabled(entry.workspaceId(), concerning.get())) {
            return List.of();
        }
        AlertRule rule = concerning.get();
        Map<String, String> details = entry.details();
        if (rule == AlertRule.SIGN_IN_BURST) {
            Instant now = Timestamps.now(clock);
            Instant windowStart = now.minus(settings.signInBurstWindow());
            long failures = deliveries.countSignInFailure(entry.workspaceId(), now, windowStart);
            if (failures < settings.signInBurst()
                    || deliveries.raisedSince(entry.workspaceId(), rule.key(), windowStart)) {
                return List.of();
            }
            details = Map.of("failed_sign_ins", Long.toString(failures), "window",
                    settings.signInBurstWindow().toString());
        }
        return alerts.raise(entry.workspaceId(), alerts.content(rule.key(), rule.title(), entry, details, false));
    }

}
