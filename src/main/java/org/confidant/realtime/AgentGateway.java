package org.confidant.realtime;

import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.PostResult;
import org.confidant.identity.MemberPrincipal;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

import tools.jackson.databind.JsonNode;

/**
 * {@code /ws/agent}: the dashboard's socket, authenticated by the session cookie at the handshake (same origin only).
 * Receives {@code conversation.changed} for the workspace, and the messages of the one conversation it watches.
 */
@Component
class AgentGateway extends FrameGateway<AgentGateway.State> {

    static final class State {
        final MemberPrincipal member;
        volatile ConversationId watching;

        State(MemberPrincipal member) {
            this.member = member;
        }
    }

    private final ConversationManagement conversations;
    private final LocalSockets localSockets;

    AgentGateway(Frames frames, ConversationManagement conversations, LocalSockets localSockets) {
        super(frames);
        this.conversations = conversations;
        this.localSockets = localSockets;
    }

    @Override
    protected State opened(WebSocketSession session, ClientSocket socket) {
        if (!(session.getPrincipal() instanceof Authentication authentication)
                || !(authentication.getPrincipal() instanceof MemberPrincipal member)) {
            return null;
        }
        socket.send(frames.write(new WelcomeFrame("welcome", member.memberId().toString())));
        localSockets.addAgent(member.workspaceId(), socket);
        return new State(member);
    }

    @Override
    protected void handle(ClientSocket socket, State state, String type, JsonNode frame) {
        switch (type) {
            case "ping" -> socket.send("{\"type\":\"pong\"}");
            case "watch" -> watch(socket, state, frame);
            case "message.send" -> send(socket, state, frame);
            case "read" -> read(state, frame);
            default -> throw unknownType(type);
        }
    }

    @Override
    protected void closed(ClientSocket socket, State state) {
        localSockets.removeAgent(state.member.workspaceId(), socket);
        ConversationId watching = state.watching;
        if (watching != null) {
            localSockets.unwatch(watching, socket);
        }
    }

    /** Subscribes first, then reads what was missed, so nothing committed in between is lost. */
    private void watch(ClientSocket socket, State state, JsonNode frame) {
        ConversationId conversation = conversationOf(state, frame);
        long after = Frames.sequence(frame, "after");
        ConversationId previous = state.watching;
        if (previous != null && !previous.equals(conversation)) {
            localSockets.unwatch(previous, socket);
        }
        state.watching = conversation;
        localSockets.watch(conversation, socket);
        catchUp(socket, conversations, state.member.workspaceId(), conversation, after);
    }

    private void send(ClientSocket socket, State state, JsonNode frame) {
        ConversationId conversation = conversationOf(state, frame);
        PostResult result = conversations.postFromAgent(state.member.workspaceId(), state.member.memberId(),
                conversation, Frames.string(frame, "clientMsgId"), Frames.string(frame, "text"));
        conversations.markRead(state.member.workspaceId(), state.member.memberId(), conversation,
                result.message().seq()); // what one writes, one has read: before the ack, so the two agree
        socket.send(frames.ack(result));
    }

    private void read(State state, JsonNode frame) {
        conversations.markRead(state.member.workspaceId(), state.member.memberId(), conversationOf(state, frame),
                Frames.sequence(frame, "seq"));
    }

    /** A conversation of the member's workspace; a malformed, unknown or foreign id is not found. */
    private ConversationId conversationOf(State state, JsonNode frame) {
        try {
            ConversationId id = ConversationId.of(Frames.string(frame, "conversation"));
            return conversations.find(state.member.workspaceId(), id).map(c -> c.id())
                    .orElseThrow(() -> new NotFound("conversation"));
        } catch (IllegalArgumentException e) {
            throw new NotFound("conversation");
        }
    }

    record WelcomeFrame(String type, String member) {
    }
}
