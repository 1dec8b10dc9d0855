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
 * visitor sockets of {@code contactId}, to be sent the (error) frame and closed
 * @param inboxId and {@code member}: for messages and conversations, the conversation's
 * inbox and assignee (what scopes are decided on); for access changes, no inbox and the
 * member concerned
 * @param frame the JSON text frame
 */
public record FanoutMessage(Kind kind, WorkspaceId workspaceId, ConversationId conversationId, ContactId contactId,
        InboxId inboxId, MemberId member, String frame) {

    public enum Kind {

        MESSAGE, NOTE, TYPING_TO_AGENTS, TYPING_TO_VISITOR, CONVERSATION, ACCESS, ACCESS_ENDED, VISITOR_REVOKED

    }
}
