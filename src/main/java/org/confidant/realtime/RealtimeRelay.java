package org.confidant.realtime;

import org.confidant.access.AccessChanged;
import org.confidant.conversation.ConversationChanged;
import org.confidant.conversation.MessagePosted;
import org.confidant.widget.VisitorSessionsRevoked;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns committed conversation, access and visitor-session events into fan-out messages. Runs only after the commit:
 * nothing uncommitted leaks, and a socket that re-reads its grants sees the change.
 *
 * <p>Publishers never talk to sockets: after a commit, {@link org.confidant.realtime.RealtimeRelay} turns the
 * conversation module's events into {@link org.confidant.realtime.FanoutMessage}s and hands them to the {@link
 * org.confidant.realtime.Fanout}. The in-process implementation delivers them to this node's {@link
 * org.confidant.realtime.LocalSockets}; a Redis pub/sub implementation can replace it for several nodes without
 * touching publishers or gateways. Fan-out is at-most-once: clients catch up by sequence number. The widget module's
 * {@link org.confidant.widget.VisitorSessionsRevoked} travels the same way, so a revoked (blocked) visitor's sockets
 * are told {@code visitor_blocked} and closed on every node; {@link org.confidant.realtime.VisitorGateway} sends an
 * open visitor socket its next signed token at half the current one's lifetime. Both handshakes must come from
 * Confidant's own origin; the visitor socket also refuses one without {@code Origin} (its one caller is the widget's
 * iframe, in a browser), and its {@code hello} names the host page, which the widget module checks against the inbox's
 * allowed domains. Depends on {@code conversation}, {@code widget}, {@code identity}, {@code tenancy} (each frame runs
 * in its socket's workspace) and {@code shared}.
 */
@Component
class RealtimeRelay {

    private final Fanout fanout;
    private final Frames frames;

    RealtimeRelay(Fanout fanout, Frames frames) {
        this.fanout = fanout;
        this.frames = frames;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(MessagePosted event) {
        var c = event.conversation();
        fanout.publish(new FanoutMessage(FanoutMessage.Kind.MESSAGE, c.workspaceId(), c.id(), c.contactId(),
                c.inboxId(), c.assignee(), frames.message(event.message())));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(ConversationChanged event) {
        var c = event.conversation();
        fanout.publish(new FanoutMessage(FanoutMessage.Kind.CONVERSATION, c.workspaceId(), c.id(), c.contactId(),
                c.inboxId(), c.assignee(), frames.conversationChanged(c)));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(AccessChanged event) {
        FanoutMessage.Kind kind = event.accessEnded() ? FanoutMessage.Kind.ACCESS_ENDED : FanoutMessage.Kind.ACCESS;
        fanout.publish(new FanoutMessage(kind, event.workspaceId(), null, null, null, event.memberId(),
                frames.accessChanged()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(VisitorSessionsRevoked event) {
        fanout.publish(new FanoutMessage(FanoutMessage.Kind.VISITOR_REVOKED, event.workspaceId(), null,
                event.contactId(), null, null, frames.revoked(event.reason())));
    }
}
