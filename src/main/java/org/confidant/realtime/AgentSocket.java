package org.confidant.realtime;

import java.time.Duration;
import java.time.Instant;

import org.confidant.access.Grants;
import org.confidant.identity.NotificationPreferences;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A dashboard socket and what fan-out needs to know of it: whose it is, the member's
 * grants as of the last {@code
 * access} change (so that delivering a frame asks no database), the member's notification
 * preferences as of their last change, and the conversation it watches.
 */
final class AgentSocket {

    final ClientSocket socket;

    private volatile Grants grants;

    private volatile ConversationId watching;

    private volatile NotificationPreferences preferences = NotificationPreferences.DEFAULTS;

    private volatile Instant lastTyping = Instant.EPOCH;

    AgentSocket(ClientSocket socket, Grants grants) {
        this.socket = socket;
        this.grants = grants;
    }

    WorkspaceId workspaceId() {
        return grants.workspaceId();
    }

    MemberId memberId() {
        return grants.memberId();
    }

    Grants grants() {
        return grants;
    }

    void grants(Grants current) {
        this.grants = current;
    }

    boolean canRead(InboxId inbox, MemberId assignee) {
        return grants.canRead(inbox, assignee);
    }

    /**
     * Whether a typing signal sent now passes the throttle (at most one per
     * {@code interval}); if so, it counts from now.
     */
    boolean typingAllowed(Instant now, Duration interval) {
        if (now.isBefore(lastTyping.plus(interval))) {
            return false;
        }
        lastTyping = now;
        return true;
    }

    NotificationPreferences preferences() {
        return preferences;
    }

    void preferences(NotificationPreferences current) {
        this.preferences = current;
    }

    ConversationId watching() {
        return watching;
    }

    void watching(ConversationId conversation) {
        this.watching = conversation;
    }

}
