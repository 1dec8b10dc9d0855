package org.confidant.realtime;

import org.confidant.access.AccessChanged;
import org.confidant.conversation.ConversationChanged;
import org.confidant.conversation.MessagePosted;
import org.confidant.conversation.NoteAdded;
import org.confidant.widget.VisitorSessionsRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns committed conversation, access and visitor-session events into fan-out messages.
 * Delivery runs only after the commit: nothing uncommitted leaks, and a socket that
 * re-reads its grants sees the change. A message's frame is serialised once, before the
 * commit: a frame that cannot be sent fails the transaction (nothing is stored), so no
 * encoding failure ever follows a commit; after it, fan-out never throws back at the
 * sender (see {@link LocalSockets}).
 *
 * <p>
 * Publishers never talk to sockets: after a commit,
 * {@link org.confidant.realtime.RealtimeRelay} turns the conversation module's events
 * into {@link org.confidant.realtime.FanoutMessage}s and hands them to the
 * {@link org.confidant.realtime.Fanout}. The in-process implementation delivers them to
 * this node's {@link org.confidant.realtime.LocalSockets}; a Redis pub/sub implementation
 * can replace it for several nodes without touching publishers or gateways. Fan-out is
 * at-most-once: clients catch up by sequence number. The widget module's
 * {@link org.confidant.widget.VisitorSessionsRevoked} travels the same way, so a revoked
 * (blocked) visitor's sockets are told {@code visitor_blocked} and closed on every node;
 * {@link org.confidant.realtime.VisitorGateway} sends an open visitor socket its next
 * signed token at half the current one's lifetime. Both handshakes must come from
 * Confidant's own origin; the visitor socket also refuses one without {@code Origin} (its
 * one caller is the widget's iframe, in a browser), and its {@code hello} names the host
 * page, which the widget module checks against the inbox's allowed domains.
 */
@Component
class RealtimeRelay {

    private static final Logger log = LoggerFactory.getLogger(RealtimeRelay.class);

    private final Fanout fanout;

    private final Frames frames;

    RealtimeRelay(Fanout fanout, Frames frames) {
        this.fanout = fanout;
        this.frames = frames;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(MessagePosted event) {
        var c = event.conversation();
        publishAfterCommit(new FanoutMessage(FanoutMessage.Kind.MESSAGE, c.workspaceId(), c.id(), c.contactId(),
                c.inboxId(), c.assignee(), frames.message(event.message())));
    }

    /** An internal note: to the agents watching the conversation, never its visitor. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(NoteAdded event) {
        var c = event.conversation();
        publishAfterCommit(new FanoutMessage(FanoutMessage.Kind.NOTE, c.workspaceId(), c.id(), c.contactId(),
                c.inboxId(), c.assignee(), frames.note(event.note())));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(ConversationChanged event) {
        var c = event.conversation();
        publishAfterCommit(new FanoutMessage(FanoutMessage.Kind.CONVERSATION, c.workspaceId(), c.id(), c.contactId(),
                c.inboxId(), c.assignee(), frames.conversationChanged(c, event.change())));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(AccessChanged event) {
        FanoutMessage.Kind kind = event.accessEnded() ? FanoutMessage.Kind.ACCESS_ENDED : FanoutMessage.Kind.ACCESS;
        publish(new FanoutMessage(kind, event.workspaceId(), null, null, null, event.memberId(),
                frames.accessChanged()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(VisitorSessionsRevoked event) {
        publish(new FanoutMessage(FanoutMessage.Kind.VISITOR_REVOKED, event.workspaceId(), null, event.contactId(),
                null, null, frames.revoked(event.reason())));
    }

    /**
     * Publishes a frame made before the commit once the transaction has committed (and
     * never if it rolls back).
     */
    private void publishAfterCommit(FanoutMessage message) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publish(message);
            }
        });
    }

    /**
     * Fan-out after a commit: whatever goes wrong is this node's sockets' business, never
     * the committer's.
     */
    private void publish(FanoutMessage message) {
        try {
            fanout.publish(message);
        }
        catch (RuntimeException e) {
            log.warn("fan-out of a {} frame of workspace {} failed: {}", message.kind(), message.workspaceId(),
                    e.toString());
        }
    }

}
