package org.confidant.realtime;

import org.confidant.conversation.AttentionCalled;
import org.confidant.conversation.AuthorKind;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.Message;
import org.confidant.conversation.MessagePosted;
import org.confidant.identity.NotificationPreferencesChanged;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns a visitor's committed message into a notification for the dashboards: the first
 * message of a conversation is a new conversation, a later one a message. Both forms of
 * the {@code notify} frame (naming the inbox and the contact; and with the text, for
 * members who turned previews on) are made before the commit, like every frame, and
 * published after it; {@link LocalSockets} picks, per socket, whether the member may read
 * the conversation, whether their preferences ask for it, and which form they get. A
 * member's changed preferences reach their open dashboards the same way, and so does a
 * member's attention called to a conversation (a mention in a note, an assignment or a
 * reassignment), to that member's sockets only.
 */
@Component
class NotificationRelay {

    private static final Logger log = LoggerFactory.getLogger(NotificationRelay.class);

    private final Fanout fanout;

    private final Frames frames;

    private final InboxManagement inboxes;

    NotificationRelay(Fanout fanout, Frames frames, InboxManagement inboxes) {
        this.fanout = fanout;
        this.frames = frames;
        this.inboxes = inboxes;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(MessagePosted event) {
        Message m = event.message();
        if (m.authorKind() != AuthorKind.VISITOR) {
            return;
        }
        Conversation c = event.conversation();
        String inbox = inboxes.find(c.workspaceId(), c.inboxId()).map(Inbox::name).orElse("Inbox");
        FanoutMessage notification = new FanoutMessage(
                m.seq() == 1 ? FanoutMessage.Kind.NEW_CONVERSATION : FanoutMessage.Kind.VISITOR_MESSAGE,
                c.workspaceId(), c.id(), c.contactId(), c.inboxId(), c.assignee(), frames.notify(m, inbox, false),
                frames.notify(m, inbox, true));
        publishAfterCommit(notification);
    }

    /**
     * A mention, an assignment or a reassignment: to the sockets of the member concerned
     * only.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(AttentionCalled event) {
        Conversation c = event.conversation();
        String inbox = inboxes.find(c.workspaceId(), c.inboxId()).map(Inbox::name).orElse("Inbox");
        publishAfterCommit(new FanoutMessage(FanoutMessage.Kind.ATTENTION, c.workspaceId(), c.id(), c.contactId(),
                c.inboxId(), event.recipient(), frames.attention(event, inbox, false),
                frames.attention(event, inbox, true)));
    }

    private void publishAfterCommit(FanoutMessage message) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publish(message);
            }
        });
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(NotificationPreferencesChanged event) {
        publish(new FanoutMessage(FanoutMessage.Kind.PREFERENCES, event.workspaceId(), null, null, null,
                event.memberId(), frames.preferences(event.preferences())));
    }

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
