package org.confidant.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.confidant.access.AccessManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out an inbox's waiting conversations, one per transaction. Each pick locks the
 * inbox's routing row first (then the conversation's, through
 * {@link ConversationManagement#route}), always in that order, so picks in one inbox
 * happen one after the other and read the counts the previous one committed: two
 * conversations arriving at once never push an agent over the limit.
 */
@Service
class RoundRobin {

    private final InboxRoutings routings;

    private final MemberStatuses statuses;

    private final Presence presence;

    private final ConversationManagement conversations;

    private final AccountManagement accounts;

    private final AccessManagement access;

    private final Clock clock;

    RoundRobin(InboxRoutings routings, MemberStatuses statuses, Presence presence, ConversationManagement conversations,
            AccountManagement accounts, AccessManagement access, Clock clock) {
        this.routings = routings;
        this.statuses = statuses;
        this.presence = presence;
        this.conversations = conversations;
        this.accounts = accounts;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Gives the inbox's oldest waiting conversation to the eligible agent routed to least
     * recently (ties: fewest open conversations of the inbox, then member id), in a
     * transaction of its own (it runs after another one committed). True when there may
     * be more to hand out; false when round-robin is off, nothing waits or nobody is
     * eligible.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    boolean assignNext(WorkspaceId workspaceId, InboxId inboxId) {
        Optional<InboxRouting> routing = routings.lock(workspaceId, inboxId);
        if (routing.isEmpty() || !routing.get().roundRobin()) {
            return false;
        }
        List<ConversationId> waiting = conversations.unassignedOpen(workspaceId, inboxId, 1);
        if (waiting.isEmpty()) {
            return false;
        }
        Optional<MemberId> agent = pick(workspaceId, inboxId, routing.get().openLimit());
        if (agent.isEmpty()) {
            return false;
        }
        Instant now = Timestamps.now(clock);
        if (conversations.route(workspaceId, waiting.get(0), agent.get())) {
            statuses.routed(workspaceId, agent.get(), now);
        }
        // taken or left the agent's reach meanwhile: the next pick reads afresh
        return true;
    }

    /**
     * The eligible agent: an active member of the inbox who may read its conversations
     * once assigned (scopes), online with a dashboard open, with fewer open conversations
     * of the inbox than the limit.
     */
    private Optional<MemberId> pick(WorkspaceId workspaceId, InboxId inboxId, int limit) {
        Set<MemberId> inboxMembers = access.inboxMembers(workspaceId, inboxId);
        Map<MemberId, Integer> open = conversations.openAssigned(workspaceId, inboxId);
        Map<MemberId, MemberStatuses.Row> rows = statuses.all(workspaceId);
        Comparator<MemberId> leastRecentlyRouted = Comparator.comparing(
                (MemberId id) -> Optional.ofNullable(rows.get(id)).map(MemberStatuses.Row::lastRoutedAt).orElse(null),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        return accounts.listMembers(workspaceId)
            .stream()
            .filter(Member::active)
            .map(Member::id)
            .filter(inboxMembers::contains)
            .filter(id -> open.getOrDefault(id, 0) < limit)
            .filter(id -> presence.connected(workspaceId, id) && chosen(rows, id) == MemberStatus.ONLINE)
            .filter(id -> access.grants(workspaceId, id).map(grants -> grants.canRead(inboxId, id)).orElse(false))
            .min(leastRecentlyRouted.thenComparing(id -> open.getOrDefault(id, 0))
                .thenComparing(id -> id.value().toString()));
    }

    static MemberStatus chosen(Map<MemberId, MemberStatuses.Row> rows, MemberId id) {
        MemberStatuses.Row row = rows.get(id);
        return row == null ? MemberStatus.ONLINE : row.status();
    }

}
