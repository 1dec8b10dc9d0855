package org.confidant.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.confidant.crypto.DeploymentSigning;
import org.confidant.job.RecurringWork;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.confidant.workspace.Cancellation;
import org.confidant.workspace.Workspace;
import org.confidant.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The end of cancelled workspaces, on one node at a time: their owners are emailed
 * {@code confidant.lifecycle.cancellation-warning} before it, and once the grace period
 * is over each one is shredded (its rows deleted, its keys destroyed, the erasure ledger
 * told) with a receipt signed by the deployment's key, kept in {@code shredding_receipt}
 * and emailed to its last owners.
 */
@Component
class CancellationSweeper implements RecurringWork {

    private static final Logger log = LoggerFactory.getLogger(CancellationSweeper.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WorkspaceManagement workspaces;

    private final CancellationManagement cancellations;

    private final ShreddingReceipts receipts;

    private final DeploymentSigning signing;

    private final OwnerMail mail;

    private final LifecycleSettings settings;

    private final TransactionTemplate transactions;

    private final Clock clock;

    CancellationSweeper(WorkspaceManagement workspaces, CancellationManagement cancellations,
            ShreddingReceipts receipts, DeploymentSigning signing, OwnerMail mail, LifecycleSettings settings,
            PlatformTransactionManager transactions, Clock clock) {
        this.workspaces = workspaces;
        this.cancellations = cancellations;
        this.receipts = receipts;
        this.signing = signing;
        this.mail = mail;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "lifecycle.cancellations";
    }

    @Override
    public Duration interval() {
        return settings.purgeInterval();
    }

    @Override
    public void run() {
        Instant now = Timestamps.now(clock);
        for (WorkspaceId workspace : workspaces.cancelledUntil(now.plus(settings.cancellationWarning()))) {
            try {
                Tenancy.run(workspace, () -> sweep(workspace, now));
            }
            catch (RuntimeException e) {
                log.error("the end of cancelled workspace {} failed; the next run tries again", workspace, e);
            }
        }
    }

    private void sweep(WorkspaceId workspace, Instant now) {
        Optional<Cancellation> cancellation = workspaces.cancellation(workspace);
        Optional<Workspace> found = workspaces.find(workspace);
        if (cancellation.isEmpty() || found.isEmpty()) {
            return;
        }
        List<String> owners = cancellations.owners(workspace);
        String name = found.get().name();
        if (cancellation.get().shredAfter().isAfter(now)) {
            if (cancellation.get().warnedAt() == null && workspaces.markWarned(workspace, now)) {
                mail.send(owners, "Your Confidant workspace " + name + " will be deleted soon", """
                        The Confidant workspace "%s" was cancelled on %s. On %s its keys will be destroyed and
                        everything in it deleted, for good. An owner can still undo the cancellation by signing in
                        before then.
                        """.formatted(name, CancellationManagement.DAY.format(cancellation.get().at()),
                        CancellationManagement.DAY.format(cancellation.get().shredAfter())));
            }
            return;
        }
        UUID receiptId = UUID.nameUUIDFromBytes(("confidant:shredding:" + workspace).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("type", "confidant.shredding-receipt");
        receipt.put("version", 1);
        receipt.put("receipt", receiptId.toString());
        receipt.put("workspace", workspace.toString());
        receipt.put("cancelledAt", cancellation.get().at().toString());
        receipt.put("cancelledBy", cancellation.get().by() == null ? null : cancellation.get().by().toString());
        receipt.put("shreddedAt", now.toString());
        receipt.put("covers", List.of("the workspace's keys (destroyed: its data in every backup is unreadable)",
                "every row of the workspace", "its attachments' stored objects", "its exports"));
        String jws = signing.sign(JSON.writeValueAsString(receipt)).compact();
        Tenancy.system("a shredded workspace's receipt outlives its rows",
                () -> transactions.executeWithoutResult(status -> receipts.insert(receiptId, workspace, now, jws)));
        workspaces.shred(workspace, receiptId.toString());
        log.warn("Workspace {} was shredded at the end of its cancellation (receipt {})", workspace, receiptId);
        mail.send(owners, "Your Confidant workspace " + name + " was deleted", """
                The Confidant workspace "%s" was deleted at the end of its cancellation: its keys are destroyed and
                everything in it is gone. Its receipt, signed by this Confidant's key (check it against
                /.well-known/confidant-signing-key):

                %s
                """.formatted(name, jws));
    }

}
