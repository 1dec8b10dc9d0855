package org.confidant.realtime;

import org.confidant.conversation.ConversationChanged;
import org.confidant.conversation.MessagePosted;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Turns committed conversation events into fan-out messages. Runs only after the commit: nothing uncommitted leaks. */
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
        var m = event.message();
        fanout.publish(new FanoutMessage(FanoutMessage.Kind.MESSAGE, m.workspaceId(), m.conversationId(),
                event.contactId(), frames.message(m)));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(ConversationChanged event) {
        var c = event.conversation();
        fanout.publish(new FanoutMessage(FanoutMessage.Kind.CONVERSATION, c.workspaceId(), c.id(), c.contactId(),
                frames.conversationChanged(c)));
    }
}
