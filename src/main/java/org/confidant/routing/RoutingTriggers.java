package org.confidant.routing;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationChanged;
import org.confidant.conversation.ConversationStatus;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When routing looks again, always after the commit that gave it a reason, so that a
 * visitor's message or a member's click never waits on, nor fails with, a pick: a new
 * conversation arrived, a slot was freed (a conversation resolved, unassigned or handed
 * by a member to someone else), an inbox's routing was set, or a member became online to
 * routing. A failed pick is logged; the next reason picks again.
 */
@Component
class RoutingTriggers {

    private static final Logger log = LoggerFactory.getLogger(RoutingTriggers.class);

    private final RoutingManagement routing;

    private final Executor executor;

    private final AtomicInteger pending = new AtomicInteger();

    RoutingTriggers(RoutingManagement routing, @Qualifier("applicationTaskExecutor") Executor executor) {
        this.routing = routing;
        this.executor = executor;
    }

    /**
     * Whether no pick is queued or running (for tests that wait for routing to settle).
     */
    boolean idle() {
        return pending.get() == 0;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(ConversationChanged event) {
        Conversation c = event.conversation();
        ConversationChanged.Change change = event.change();
        boolean arrived = change == null && c.lastSeq() == 1 && c.assignee() == null
                && c.status() == ConversationStatus.OPEN;
        boolean freed = change != null && change.by() != null;
        if (arrived || freed) {
            guarded(c.workspaceId(), () -> routing.distribute(c.workspaceId(), c.inboxId()));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(InboxRoutingChanged event) {
        if (event.routing().roundRobin()) {
            guarded(event.workspaceId(), () -> routing.distribute(event.workspaceId(), event.routing().inboxId()));
        }
    }

    /**
     * Also outside a transaction: a dashboard opened or closed is reported by the socket,
     * with none.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(MemberStatusChanged event) {
        if (event.status() == MemberStatus.ONLINE) {
            MemberId member = event.memberId();
            guarded(event.workspaceId(), () -> routing.distributeFor(event.workspaceId(), member));
        }
    }

    private void guarded(WorkspaceId workspaceId, Runnable pick) {
        pending.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    pick.run();
                }
                catch (RuntimeException e) {
                    log.warn("round-robin routing in workspace {} failed: {}", workspaceId, e.toString());
                }
                finally {
                    pending.decrementAndGet();
                }
            });
        }
        catch (RuntimeException e) {
            pending.decrementAndGet();
            log.warn("round-robin routing in workspace {} could not start: {}", workspaceId, e.toString());
        }
    }

}
