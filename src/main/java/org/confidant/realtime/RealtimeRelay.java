package org.confidant.realtime;

import org.confidant.access.AccessChanged;
import org.confidant.conversation.ConversationChanged;
import org.confidant.conversation.MessagePosted;
import org.confidant.widget.VisitorSessionsRevoked;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns committed conversation, access and visitor-session events into fan-out messages. Runs only after the commit: nothing
 * uncommitted leaks, and a socket that re-reads its grants sees the change.
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
