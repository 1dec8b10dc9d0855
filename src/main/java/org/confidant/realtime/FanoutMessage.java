package org.confidant.realtime;

import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * One frame to fan out, already serialised, with the addresses that decide who receives
 * it. Plain data, so that a network fan-out can carry it between nodes. Each node's
 * {@link LocalSockets} decides, per socket, whether the member may read the conversation.
 *
 * @param kind {@code MESSAGE}: the conversation's visitor sockets and the agents watching
 * it who may read it; {@code NOTE} and {@code TYPING_TO_AGENTS}: only the agents watching
 * it who may read it, never a visitor socket; {@code TYPING_TO_VISITOR}: the visitor
 * sockets of {@code contactId} only; {@code CONVERSATION}: every agent socket of the
 * workspace that may read it; {@code ACCESS}: the sockets of {@code member}, whose access
 * changed; {@code ACCESS_ENDED}: the same, to be closed; {@code VISITOR_REVOKED}: the
 * visitor sockets of {@code contactId}, to be sent the (error) frame and closed;
 * {@code NEW_CONVERSATION} and {@code VISITOR_MESSAGE}: a {@code notify} frame for every
 * agent socket of the workspace whose member may read the conversation and whose
 * preferences ask for it ({@code preview}, the frame with the text, to those who turned
 * previews on); {@code PREFERENCES}: the sockets of {@code member}, whose notification
 * preferences changed; {@code ATTENTION}: a {@code notify} frame for the sockets of
 * {@code member} only (mentioned, assigned or reassigned), {@code preview} to those with
 * previews on; {@code STATUS}: a colleague's {@code status} frame for every agent socket
 * of the workspace, never a visitor socket ({@code member}: whose status)
 * @param inboxId and {@code member}: for messages and conversations, the conversation's
 * inbox and assignee (what scopes are decided on); for access changes, preferences and
 * attention, the member concerned
 * @param frame the JSON text frame
 * @param preview for notifications, the frame with the message's text; null otherwise
 */
public record FanoutMessage(Kind kind, WorkspaceId workspaceId, ConversationId conversationId, ContactId contactId,
        InboxId inboxId, MemberId member, String frame, String preview) {

    /** A frame that reads the same for every socket it reaches. */
    public FanoutMessage(Kind kind, WorkspaceId workspaceId, ConversationId conversationId, ContactId contactId,
            InboxId inboxId, MemberId member, String frame) {
        this(kind, workspaceId, conversationId, contactId, inboxId, member, frame, null);
    }

    public enum Kind {

        MESSAGE, NOTE, TYPING_TO_AGENTS, TYPING_TO_VISITOR, CONVERSATION, ACCESS, ACCESS_ENDED, VISITOR_REVOKED,
        NEW_CONVERSATION, VISITOR_MESSAGE, PREFERENCES, ATTENTION, STATUS

    }
}
