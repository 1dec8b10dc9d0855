package org.confidant.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.confidant.attachment.AttachmentManagement;
import org.confidant.contact.ContactErased;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.job.RecurringWork;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.confidant.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention purge: every {@code confidant.lifecycle.purge-interval}, on one node of
 * the deployment, it deletes what each workspace's policies let go (see
 * {@link RetentionPlanner}), in small batches of {@code purge-batch} rows and at most
 * {@code purge-batch-messages} messages, each its own short transaction, so that live
 * chat is never held up; a run stops after {@code purge-run-limit} and the next one
 * carries on. The owners delete their own rows and stored objects (conversations with
 * their messages and files, files alone, contacts with no conversation left); each run
 * that deleted anything is kept ({@link PurgeRun}, counts only) and recorded in one audit
 * entry ({@link PurgeRan}). A cancelled workspace is left alone: its end is the
 * cancellation's business.
 */
@Component
class RetentionPurge implements RecurringWork {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final RetentionPlanner planner;

    private final RetentionPolicies policies;

    private final PurgeRuns runs;

    private final ConversationManagement conversations;

    private final AttachmentManagement attachments;

    private final ContactManagement contacts;

    private final LegalHolds holds;

    private final WorkspaceManagement workspaces;

    private final LifecycleSettings settings;

    private final TransactionTemplate transactions;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    RetentionPurge(RetentionPlanner planner, RetentionPolicies policies, PurgeRuns runs,
            ConversationManagement conversations, AttachmentManagement attachments, ContactManagement contacts,
            LegalHolds holds, WorkspaceManagement workspaces, LifecycleSettings settings,
            PlatformTransactionManager transactions, ApplicationEventPublisher events, Clock clock) {
        this.planner = planner;
        this.policies = policies;
        this.runs = runs;
        this.conversations = conversations;
        this.attachments = attachments;
        this.contacts = contacts;
        this.holds = holds;
        this.workspaces = workspaces;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactions);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "lifecycle.purge";
    }

    @Override
    public Duration interval() {
        return settings.purgeInterval();
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + settings.purgeRunLimit().toNanos();
        List<WorkspaceId> candidates = Tenancy.system("the retention purge looks for workspaces with policies",
                policies::workspacesWithPolicies);
        for (WorkspaceId workspace : candidates) {
            if (System.nanoTime() - deadline > 0) {
                return;
            }
            try {
                Tenancy.run(workspace, () -> {
                    if (!workspaces.cancelled(workspace)) {
                        purge(workspace, () -> System.nanoTime() - deadline < 0);
                    }
                });
            }
            catch (RuntimeException e) {
                log.error("the retention purge of workspace {} failed; the next run tries again", workspace, e);
            }
        }
    }

    /** One run in one workspace, while {@code more} says to go on. */
    PurgeRun purge(WorkspaceId workspace, BooleanSupplier more) {
        Instant started = Timestamps.now(clock);
        RetentionPlanner.Effective effective = planner.current(workspace);
        long[] counts = new long[4]; // conversations, messages, files, contacts
        planner.conversationBatches(workspace, effective, started, settings.purgeBatch(), more,
                batch -> byMessages(batch, settings.purgeBatchMessages())
                    .forEach(part -> transactions.executeWithoutResult(status -> {
                        List<ConversationId> ids = part.stream().map(Conversation::id).toList();
                        long files = attachments.ofConversations(workspace, ids)
                            .stream()
                            .filter(a -> !a.deleted())
                            .count();
                        ConversationManagement.Purged purged = conversations.purge(workspace, ids);
                        counts[0] += purged.conversations();
                        counts[1] += purged.messages();
                        counts[2] += files;
                    })));
        planner.fileBatches(workspace, effective, started, settings.purgeBatch(), more, id -> false,
                batch -> counts[2] += transactions.execute(status -> attachments.purgeFiles(workspace, batch)));
        Integer orphanDays = effective.workspace().orphanContactDays();
        if (orphanDays != null) {
            counts[3] += purgeOrphans(workspace, started.minus(Duration.ofDays(orphanDays)), more);
        }
        PurgeRun run = new PurgeRun(UUID.randomUUID(), started, Timestamps.now(clock), counts[0], counts[1], counts[2],
                counts[3]);
        if (run.deletedAnything()) {
            transactions.executeWithoutResult(status -> {
                runs.insert(workspace, run);
                events.publishEvent(new PurgeRan(workspace, run));
            });
            log.info("Retention purge in workspace {}: {} conversations, {} messages, {} files, {} contacts", workspace,
                    run.conversations(), run.messages(), run.attachments(), run.contacts());
        }
        return run;
    }

    /**
     * Splits a batch of conversations, in order, into parts whose messages (each
     * conversation's last sequence number, as messages are numbered without gaps) add up
     * to at most {@code cap}; a conversation longer than that makes a part of its own.
     */
    static List<List<Conversation>> byMessages(List<Conversation> batch, int cap) {
        List<List<Conversation>> parts = new ArrayList<>();
        List<Conversation> part = new ArrayList<>();
        long messages = 0;
        for (Conversation conversation : batch) {
            if (!part.isEmpty() && messages + conversation.lastSeq() > cap) {
                parts.add(part);
                part = new ArrayList<>();
                messages = 0;
            }
            part.add(conversation);
            messages += conversation.lastSeq();
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        return parts;
    }

    private boolean locked(WorkspaceId workspace, ContactId id) {
        try {
            contacts.lock(workspace, id);
            return true;
        }
        catch (NotFound gone) {
            return false;
        }
    }

    /** Contacts first seen before the cutoff with no conversation left and no hold. */
    private long purgeOrphans(WorkspaceId workspace, Instant cutoff, BooleanSupplier more) {
        long erased = 0;
        ContactId after = null;
        while (more.getAsBoolean()) {
            List<ContactId> found = contacts.createdBefore(workspace, cutoff, after, settings.purgeBatch());
            if (found.isEmpty()) {
                break;
            }
            after = found.getLast();
            var withConversations = conversations.contactsWithConversations(workspace, found);
            var held = holds.held(workspace, LegalHold.Kind.CONTACT, found.stream().map(ContactId::value).toList());
            List<ContactId> orphans = found.stream()
                .filter(id -> !withConversations.contains(id) && !held.contains(id.value()))
                .toList();
            if (!orphans.isEmpty()) {
                // each contact's row locked before it is looked at again: a visitor
                // writing
                // their first message meanwhile either commits first (and the contact
                // stays) or waits and finds the contact gone
                erased += transactions.execute(status -> orphans.stream()
                    .filter(id -> locked(workspace, id) && conversations.ofContact(workspace, id).isEmpty()
                            && contacts.erase(workspace, id, ContactErased.Reason.RETENTION))
                    .count());
            }
        }
        return erased;
    }

}
