package org.confidant.realtime;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.PostResult;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.ratelimit.RateLimit;
import org.confidant.ratelimit.RateLimits;
import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessions;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

import tools.jackson.databind.JsonNode;

/** {@code /ws/visitor}: the widget's socket. Authenticated by the {@code hello} frame's visitor token. */
@Component
class VisitorGateway extends FrameGateway<VisitorGateway.State> {

    /**
     * What a visitor socket knows; {@code session} is null until {@code hello}. {@code hasConversation}: whether the
     * visitor has written before (their next message opens no new conversation).
     */
    static final class State {
        final String ipAddress;
        volatile VisitorSession session;
        volatile boolean hasConversation;

        State(String ipAddress) {
            this.ipAddress = ipAddress;
        }
    }

    private final VisitorSessions visitorSessions;
    private final ConversationManagement conversations;
    private final LocalSockets localSockets;
    private final RateLimits rateLimits;

    VisitorGateway(Frames frames, VisitorSessions visitorSessions, ConversationManagement conversations,
            LocalSockets localSockets, RateLimits rateLimits) {
        super(frames);
        this.visitorSessions = visitorSessions;
        this.conversations = conversations;
        this.localSockets = localSockets;
        this.rateLimits = rateLimits;
        on("hello", this::hello);
        on("sync", (socket, state, frame) -> sync(socket, session(state), frame));
        on("message.send", (socket, state, frame) -> send(socket, state, session(state), frame));
    }

    @Override
    protected State opened(WebSocketSession session, ClientSocket socket) {
        InetSocketAddress remote = session.getRemoteAddress();
        return new State(remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress());
    }

    /** The socket's visitor session; frames other than {@code hello} and {@code ping} need one. */
    private static VisitorSession session(State state) {
        VisitorSession session = state.session;
        if (session == null) {
            throw new Rejected("not_authenticated", "Send hello first.");
        }
        return session;
    }

    @Override
    protected String notFoundCode(NotFound notFound) {
        return notFound.getMessage().startsWith("inbox") ? "inbox_not_found" : "conversation_not_found";
    }

    @Override
    protected WorkspaceId workspaceOf(State state) {
        VisitorSession session = state.session;
        return session == null ? null : session.workspaceId();
    }

    @Override
    protected void closed(ClientSocket socket, State state) {
        VisitorSession session = state.session;
        if (session != null) {
            localSockets.removeVisitor(session.contactId(), socket);
        }
    }

    private void hello(ClientSocket socket, State state, JsonNode frame) {
        if (state.session != null) {
            throw new Rejected("bad_frame", "This socket has said hello already.");
        }
        InboxId inbox;
        try {
            inbox = InboxId.of(Frames.string(frame, "inbox"));
        } catch (IllegalArgumentException e) {
            throw new NotFound("inbox");
        }
        VisitorSession session = visitorSessions.open(inbox, Frames.string(frame, "token"),
                Frames.string(frame, "host"), Frames.string(frame, "identity"), state.ipAddress);
        state.session = session;
        Optional<Conversation> conversation = conversations.findForContact(session.workspaceId(), session.inboxId(),
                session.contactId());
        state.hasConversation = conversation.isPresent();
        socket.send(frames.write(new WelcomeFrame("welcome", session.token(),
                conversation.map(c -> c.id().toString()).orElse(null), conversation.map(Conversation::lastSeq).orElse(0L),
                session.verified())));
        // registered after the welcome, so that welcome is always the first frame; the client's sync covers the gap
        localSockets.addVisitor(session.contactId(), socket);
    }

    private void sync(ClientSocket socket, VisitorSession session, JsonNode frame) {
        Conversation conversation = ownConversation(session, Frames.string(frame, "conversation"));
        catchUp(socket, conversations, session.workspaceId(), conversation.id(), Frames.sequence(frame, "after"));
    }

    private void send(ClientSocket socket, State state, VisitorSession session, JsonNode frame) {
        String conversation = Frames.string(frame, "conversation");
        if (conversation != null) {
            ownConversation(session, conversation);
        }
        rateLimits.spend(RateLimit.MESSAGES_PER_SOCKET, socket.id());
        rateLimits.spend(RateLimit.MESSAGES_PER_VISITOR, session.contactId().toString());
        if (!state.hasConversation) {
            rateLimits.spend(RateLimit.CONVERSATIONS_PER_ADDRESS, state.ipAddress == null ? "unknown"
                    : state.ipAddress);
        }
        PostResult result = conversations.postFromVisitor(session.workspaceId(), session.inboxId(), session.contactId(),
                Frames.string(frame, "clientMsgId"), Frames.string(frame, "text"));
        state.hasConversation = true;
        socket.send(frames.ack(result));
    }

    /** The visitor's own conversation; any other id, of this workspace or not, is not found. */
    private Conversation ownConversation(VisitorSession session, String id) {
        try {
            return conversations.find(session.workspaceId(), ConversationId.of(id))
                    .filter(c -> c.contactId().equals(session.contactId()))
                    .orElseThrow(() -> new NotFound("conversation"));
        } catch (IllegalArgumentException e) {
            throw new NotFound("conversation");
        }
    }

    record WelcomeFrame(String type, String token, String conversation, long lastSeq, boolean verified) {
    }
}
