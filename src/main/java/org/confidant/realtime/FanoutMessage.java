package org.confidant.realtime;

import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;

/**
 * One frame to fan out, already serialised, with the addresses that decide who receives it. Plain data, so that a
 * network fan-out can carry it between nodes.
 *
 * @param kind         {@code MESSAGE}: the conversation's visitor sockets and the agents watching it;
 *                     {@code CONVERSATION}: every agent socket of the workspace
 * @param frame        the JSON text frame
 */
public record FanoutMessage(Kind kind, WorkspaceId workspaceId, ConversationId conversationId, ContactId contactId,
        String frame) {

    public enum Kind { MESSAGE, CONVERSATION }
}
