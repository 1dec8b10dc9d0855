package org.confidant.routing;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The routing module's public API: members' statuses (chosen, and as colleagues see
 * them), the dashboards the real-time module reports opened and closed, and each inbox's
 * round-robin setting.
 *
 * <p>
 * A member's status counts as chosen only while they have a dashboard open on this node;
 * with none it is {@link MemberStatus#OFFLINE}. Whenever a member becomes online to
 * routing (they choose online with a dashboard open, or open their first dashboard while
 * online), an inbox's routing is changed, a conversation arrives, or a slot is freed
 * (resolved, unassigned, reassigned), the waiting conversations of the inboxes concerned
 * are handed out after the commit, on another thread, each in a transaction of its own.
 */
@NamedInterface("api")
@Service
public class RoutingManagement {

    /** The most conversations one trigger hands out; the next trigger goes on. */
    static final int MAX_PER_TRIGGER = 100;

    private final MemberStatuses statuses;

    private final InboxRoutings routings;

    private final Presence presence;

    private final RoundRobin roundRobin;

    private final InboxManagement inboxes;

    private final AccountManagement accounts;

    private final AccessManagement access;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    RoutingManagement(MemberStatuses statuses, InboxRoutings routings, Presence presence, RoundRobin roundRobin,
            InboxManagement inboxes, AccountManagement accounts, AccessManagement access,
            ApplicationEventPublisher events, Clock clock) {
        this.statuses = statuses;
        this.routings = routings;
        this.presence = presence;
        this.roundRobin = roundRobin;
        this.inboxes = inboxes;
        this.accounts = accounts;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The status the member chose for themself (online until they choose), for their own
     * top bar.
     */
    @Transactional(readOnly = true)
    public MemberStatus chosen(WorkspaceId workspaceId, MemberId memberId) {
        return statuses.chosen(workspaceId, memberId);
    }

    /**
     * The member sets their own status. Publishes {@link MemberStatusChanged} with what
     * colleagues now see; not audited (see the event). Online with a dashboard open, they
     * are handed the waiting conversations of their round-robin inboxes after the commit.
     */
    @Transactional
    public MemberStatus setStatus(Grants me, MemberStatus status) {
        statuses.choose(me.workspaceId(), me.memberId(), status, Timestamps.now(clock));
        MemberStatus shown = shown(me.workspaceId(), me.memberId(), status);
        events.publishEvent(new MemberStatusChanged(me.workspaceId(), me.memberId(), shown));
        return status;
    }

    /** What colleagues see of each active member of the workspace. */
    @Transactional(readOnly = true)
    public Map<MemberId, MemberStatus> statuses(WorkspaceId workspaceId) {
        Map<MemberId, MemberStatuses.Row> rows = statuses.all(workspaceId);
        Map<MemberId, MemberStatus> shown = new HashMap<>();
        for (Member member : accounts.listMembers(workspaceId)) {
            if (member.active()) {
                shown.put(member.id(), shown(workspaceId, member.id(), RoundRobin.chosen(rows, member.id())));
            }
        }
        return shown;
    }

    /**
     * The real-time module opened a dashboard socket of the member. Their first one shows
     * them as they chose (and, online, hands them waiting conversations).
     */
    public void dashboardOpened(WorkspaceId workspaceId, MemberId memberId) {
        if (presence.opened(workspaceId, memberId)) {
            events.publishEvent(new MemberStatusChanged(workspaceId, memberId, statuses.chosen(workspaceId, memberId)));
        }
    }

    /**
     * The real-time module closed a dashboard socket of the member (the tab closed, the
     * laptop slept, they signed out). With their last one they show as offline and are
     * handed nothing more.
     */
    public void dashboardClosed(WorkspaceId workspaceId, MemberId memberId) {
        if (presence.closed(workspaceId, memberId)) {
            events.publishEvent(new MemberStatusChanged(workspaceId, memberId, MemberStatus.OFFLINE));
        }
    }

    /**
     * The inbox's routing, for a member who manages inboxes; an inbox of another
     * workspace is not found.
     */
    @Transactional(readOnly = true)
    public InboxRouting routing(Grants me, InboxId inboxId) {
        inboxes.find(me.workspaceId(), inboxId).orElseThrow(() -> new NotFound("inbox"));
        me.require(Permission.INBOXES_MANAGE);
        return routings.find(me.workspaceId(), inboxId);
    }

    /**
     * Sets the inbox's routing ({@link InboxRoutingChanged}); the limit was checked when
     * {@code routing} was made. Turned on, the inbox's waiting conversations are handed
     * out after the commit.
     */
    @Transactional
    public InboxRouting configure(Grants me, InboxRouting routing) {
        inboxes.find(me.workspaceId(), routing.inboxId()).orElseThrow(() -> new NotFound("inbox"));
        me.require(Permission.INBOXES_MANAGE);
        if (routings.find(me.workspaceId(), routing.inboxId()).equals(routing)) {
            return routing;
        }
        routings.save(me.workspaceId(), routing, Timestamps.now(clock));
        events.publishEvent(new InboxRoutingChanged(me.workspaceId(), me.memberId(), routing));
        return routing;
    }

    /** Hands out the inbox's waiting conversations, as far as agents are free. */
    void distribute(WorkspaceId workspaceId, InboxId inboxId) {
        int picks = 0;
        while (picks < MAX_PER_TRIGGER && roundRobin.assignNext(workspaceId, inboxId)) {
            picks++;
        }
    }

    /** Hands out the waiting conversations of the member's round-robin inboxes. */
    void distributeFor(WorkspaceId workspaceId, MemberId memberId) {
        access.grants(workspaceId, memberId)
            .ifPresent(grants -> routings.roundRobinAmong(workspaceId, grants.inboxes())
                .forEach(inbox -> distribute(workspaceId, inbox)));
    }

    private MemberStatus shown(WorkspaceId workspaceId, MemberId memberId, MemberStatus chosen) {
        return presence.connected(workspaceId, memberId) ? chosen : MemberStatus.OFFLINE;
    }

}
