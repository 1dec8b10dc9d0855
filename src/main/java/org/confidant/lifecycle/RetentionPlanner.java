package org.confidant.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.confidant.attachment.Attachment;
import org.confidant.attachment.AttachmentId;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.ConversationManagement.Retention;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.springframework.stereotype.Component;

/**
 * What the retention policies of a workspace let go at a given moment, found the same way
 * for the purge (batch by batch, deleting as it goes) and for the preview a member sees
 * before shortening a policy (counting all of it), so that the two agree: conversations
 * past a window of their inbox's policy (resolved, or inactive) that no legal hold keeps,
 * and the files of the conversations that stay whose own window ran out. "Files" are
 * those whose content is still stored.
 */
@Component
class RetentionPlanner {

    private final RetentionPolicies policies;

    private final InboxManagement inboxes;

    private final ConversationManagement conversations;

    private final AttachmentManagement attachments;

    private final LegalHoldManagement holds;

    RetentionPlanner(RetentionPolicies policies, InboxManagement inboxes, ConversationManagement conversations,
            AttachmentManagement attachments, LegalHoldManagement holds) {
        this.policies = policies;
        this.inboxes = inboxes;
        this.conversations = conversations;
        this.attachments = attachments;
        this.holds = holds;
    }

    /** A workspace's policies: its own, and its inboxes' own (which replace it). */
    record Effective(RetentionPolicy workspace, Map<InboxId, RetentionPolicy> inboxes) {

        Effective {
            inboxes = Map.copyOf(inboxes);
        }

        RetentionPolicy of(InboxId inbox) {
            return inboxes.getOrDefault(inbox, workspace);
        }

        /** With the workspace's policy ({@code inbox} null) or an inbox's replaced. */
        Effective with(InboxId inbox, RetentionPolicy policy) {
            if (inbox == null) {
                return new Effective(policy, inboxes);
            }
            Map<InboxId, RetentionPolicy> changed = new LinkedHashMap<>(inboxes);
            if (policy == null) {
                changed.remove(inbox);
            }
            else {
                changed.put(inbox, policy);
            }
            return new Effective(workspace, changed);
        }

        /** Whether nothing is ever let go. */
        boolean forever() {
            return workspace.forever() && inboxes.values().stream().allMatch(RetentionPolicy::forever);
        }

    }

    /** What the purge would delete now: conversations and stored files. */
    record Preview(long conversations, long files) {
    }

    Effective current(WorkspaceId workspaceId) {
        return new Effective(policies.ofWorkspace(workspaceId).orElse(RetentionPolicy.FOREVER),
                policies.ofInboxes(workspaceId));
    }

    /** Counts everything the policies let go now. */
    Preview preview(WorkspaceId workspaceId, Effective effective, Instant now, int batch) {
        Set<ConversationId> purged = new HashSet<>();
        conversationBatches(workspaceId, effective, now, batch, () -> true,
                ids -> purged.addAll(ids.stream().map(Conversation::id).toList()));
        long files = 0;
        List<ConversationId> all = new ArrayList<>(purged);
        for (int from = 0; from < all.size(); from += batch) {
            files += attachments.ofConversations(workspaceId, all.subList(from, Math.min(all.size(), from + batch)))
                .stream()
                .filter(a -> !a.deleted())
                .count();
        }
        long[] expired = { 0 };
        fileBatches(workspaceId, effective, now, batch, () -> true, purged::contains, ids -> expired[0] += ids.size());
        return new Preview(purged.size(), files + expired[0]);
    }

    /**
     * Hands the conversations the policies let go to {@code purge}, a batch at a time,
     * while {@code more} says to go on. Each batch is what one inbox's window finds next,
     * less what a hold keeps.
     */
    void conversationBatches(WorkspaceId workspaceId, Effective effective, Instant now, int batch, BooleanSupplier more,
            Consumer<List<Conversation>> purge) {
        for (Inbox inbox : inboxes.list(workspaceId)) {
            RetentionPolicy policy = effective.of(inbox.id());
            for (Retention window : Retention.values()) {
                Integer days = window == Retention.RESOLVED ? policy.resolvedDays() : policy.inactiveDays();
                if (days == null) {
                    continue;
                }
                Instant cutoff = now.minus(Duration.ofDays(days));
                ConversationId after = null;
                while (more.getAsBoolean()) {
                    List<Conversation> found = conversations.pastRetention(workspaceId, inbox.id(), window, cutoff,
                            after, batch);
                    if (found.isEmpty()) {
                        break;
                    }
                    after = found.getLast().id();
                    Set<ConversationId> held = holds.heldAmong(workspaceId, found);
                    List<Conversation> free = found.stream().filter(c -> !held.contains(c.id())).toList();
                    if (!free.isEmpty()) {
                        purge.accept(free);
                    }
                }
            }
        }
    }

    /**
     * Hands the stored files whose own window ran out to {@code purge}, a batch at a
     * time, while {@code more} says to go on: files of conversations that no hold keeps
     * and that {@code skip} does not name.
     */
    void fileBatches(WorkspaceId workspaceId, Effective effective, Instant now, int batch, BooleanSupplier more,
            Predicate<ConversationId> skip, Consumer<List<AttachmentId>> purge) {
        Optional<Integer> shortest = shortestFileWindow(workspaceId, effective);
        if (shortest.isEmpty()) {
            return;
        }
        Instant cutoff = now.minus(Duration.ofDays(shortest.get()));
        AttachmentId after = null;
        while (more.getAsBoolean()) {
            List<Attachment> found = attachments.storedBefore(workspaceId, cutoff, after, batch);
            if (found.isEmpty()) {
                return;
            }
            after = found.getLast().id();
            Map<ConversationId, Optional<Conversation>> owners = new HashMap<>();
            for (Attachment file : found) {
                owners.computeIfAbsent(file.conversationId(), id -> conversations.find(workspaceId, id));
            }
            Set<ConversationId> held = holds.heldAmong(workspaceId,
                    owners.values().stream().flatMap(Optional::stream).toList());
            List<AttachmentId> expired = found.stream().filter(file -> {
                Optional<Conversation> owner = owners.get(file.conversationId());
                if (owner.isEmpty() || held.contains(file.conversationId()) || skip.test(file.conversationId())) {
                    return false;
                }
                Integer days = effective.of(owner.get().inboxId()).attachmentDays();
                return days != null && file.createdAt().isBefore(now.minus(Duration.ofDays(days)));
            }).map(Attachment::id).toList();
            if (!expired.isEmpty()) {
                purge.accept(expired);
            }
        }
    }

    private Optional<Integer> shortestFileWindow(WorkspaceId workspaceId, Effective effective) {
        return inboxes.list(workspaceId)
            .stream()
            .map(inbox -> effective.of(inbox.id()).attachmentDays())
            .filter(Objects::nonNull)
            .min(Integer::compare);
    }

}
