package org.confidant.realtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.PostResult;
import org.confidant.identity.MemberPrincipal;
import org.confidant.identity.NotificationPreferenceManagement;
import org.confidant.routing.RoutingManagement;
import org.confidant.signin.MemberSessions;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.confidant.shared.WorkspaceId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * {@code /ws/agent}: the dashboard's socket, authenticated by the session cookie at the
 * handshake (same origin only). Receives {@code conversation.changed} for the
 * conversations of the workspace the member may read, the messages of the one
 * conversation it watches, {@code access.changed} when the member's access changes, and
 * {@code notify} for what the member's notification preferences ask for (the
 * {@code welcome} says whether to play a sound, a {@code preferences} frame when the
 * member changes it), and {@code status} when a colleague's status changes (the member's
 * own first dashboard opened and last one closed are what presence for routing counts:
 * {@link RoutingManagement#dashboardOpened}). Every action re-reads the member's grants,
 * so a change applies to the next frame.
 */
@Component
class AgentGateway extends FrameGateway<AgentSocket> {

    private final ConversationManagement conversations;

    private final AccessManagement access;

    private final LocalSockets localSockets;

    private final MemberSessions sessions;

    private final Fanout fanout;

    private final Clock clock;

    private final NotificationPreferenceManagement preferences;

    private final RoutingManagement routing;

    /** At most one typing signal per socket this often. */
    static final Duration TYPING_INTERVAL = Duration.ofSeconds(2);

    AgentGateway(Frames frames, ConversationManagement conversations, AccessManagement access,
            LocalSockets localSockets, MemberSessions sessions, Fanout fanout, Clock clock,
            NotificationPreferenceManagement preferences, RoutingManagement routing) {
        super(frames);
        this.routing = routing;
        this.preferences = preferences;
        this.fanout = fanout;
        this.clock = clock;
        this.conversations = conversations;
        this.access = access;
        this.localSockets = localSockets;
        this.sessions = sessions;
        on("watch", ClientFrames.Catchup.class, (socket, agent, frame) -> watch(agent, frame));
        on("message.send", ClientFrames.Send.class, (socket, agent, frame) -> send(agent, frame));
        on("note.send", ClientFrames.NoteSend.class, (socket, agent, frame) -> note(agent, frame));
        on("read", ClientFrames.Read.class, (socket, agent, frame) -> read(agent, frame));
        on("typing", ClientFrames.Typing.class, (socket, agent, frame) -> typing(agent, frame));
    }

    @Override
    protected AgentSocket opened(WebSocketSession session, ClientSocket socket) {
        if (!(session.getPrincipal() instanceof Authentication authentication)
                || !(authentication.getPrincipal() instanceof MemberPrincipal member)) {
            return null;
        }
        // The container closes a session's sockets when it ends, but only those it had
        // registered by then: a session
        // that ended while this socket was being opened is caught here (the socket is
        // registered by now).
        Object httpSession = session.getAttributes().get(HttpSessionHandshakeInterceptor.HTTP_SESSION_ID_ATTR_NAME);
        if (!sessions.isLive((String) httpSession)) {
            return null;
        }
        Optional<Grants> grants = access.grants(member.workspaceId(), member.memberId());
        if (grants.isEmpty()) {
            return null; // the membership ended since the session began
        }
        AgentSocket agent = new AgentSocket(socket, grants.get());
        // Registered before the welcome and read again after registering: an access
        // change that lands between
        // the first read and the registration is seen here, every later one reaches the
        // socket through fan-out.
        localSockets.addAgent(agent);
        Optional<Grants> current = access.grants(member.workspaceId(), member.memberId());
        if (current.isEmpty()) {
            localSockets.removeAgent(agent);
            return null;
        }
        agent.grants(current.get());
        agent.preferences(preferences.of(member.workspaceId(), member.memberId()));
        socket
            .send(frames.write(new WelcomeFrame("welcome", member.memberId().toString(), agent.preferences().sound())));
        routing.dashboardOpened(member.workspaceId(), member.memberId());
        return agent;
    }

    @Override
    protected WorkspaceId workspaceOf(AgentSocket agent) {
        return agent.workspaceId();
    }

    @Override
    protected void closed(ClientSocket socket, AgentSocket agent) {
        localSockets.removeAgent(agent);
        routing.dashboardClosed(agent.workspaceId(), agent.memberId());
    }

    /**
     * Subscribes first, then reads what was missed, so nothing committed in between is
     * lost.
     */
    private void watch(AgentSocket agent, ClientFrames.Catchup frame) {
        Grants grants = currentGrants(agent);
        ConversationId conversation = conversationOf(grants, frame.conversation());
        long after = Frames.sequence(frame.after(), "after");
        localSockets.watch(agent, conversation);
        catchUp(agent.socket, conversations, grants.workspaceId(), conversation, after);
    }

    private void send(AgentSocket agent, ClientFrames.Send frame) {
        Grants grants = currentGrants(agent);
        ConversationId conversation = conversationOf(grants, frame.conversation());
        PostResult result = conversations.postFromAgent(grants, conversation, frame.clientMsgId(), frame.text());
        agent.socket.send(frames.ack(result)); // the reply moved the member's read marker
                                               // in the same commit
    }

    private void note(AgentSocket agent, ClientFrames.NoteSend frame) {
        Grants grants = currentGrants(agent);
        ConversationId conversation = conversationOf(grants, frame.conversation());
        agent.socket
            .send(frames.noteAck(conversations.addNote(grants, conversation, frame.clientMsgId(), frame.text())));
    }

    /**
     * Tells the conversation's visitor that a member is writing: throttled to one signal
     * per {@link #TYPING_INTERVAL} per socket (the rest are dropped), nothing stored.
     */
    private void typing(AgentSocket agent, ClientFrames.Typing frame) {
        Grants grants = currentGrants(agent);
        Conversation conversation = conversations.find(grants, conversationOf(grants, frame.conversation()))
            .orElseThrow(() -> new NotFound("conversation"));
        grants.require(Permission.CONVERSATIONS_REPLY);
        if (agent.typingAllowed(clock.instant(), TYPING_INTERVAL)) {
            fanout.publish(new FanoutMessage(FanoutMessage.Kind.TYPING_TO_VISITOR, grants.workspaceId(),
                    conversation.id(), conversation.contactId(), conversation.inboxId(), conversation.assignee(),
                    frames.typing(conversation.id().toString(), "agent")));
        }
    }

    private void read(AgentSocket agent, ClientFrames.Read frame) {
        Grants grants = currentGrants(agent);
        conversations.markRead(grants, conversationOf(grants, frame.conversation()),
                Frames.sequence(frame.seq(), "seq"));
    }

    /**
     * The member's grants read afresh for an action (fan-out uses the socket's copy,
     * refreshed on access changes). A socket whose membership ended is closed.
     */
    private Grants currentGrants(AgentSocket agent) {
        Optional<Grants> grants = access.grants(agent.workspaceId(), agent.memberId());
        if (grants.isEmpty()) {
            agent.socket.close(LocalSockets.MEMBERSHIP_ENDED);
            throw new NotFound("member");
        }
        agent.grants(grants.get());
        return grants.get();
    }

    /**
     * A conversation the member can read; a malformed, unknown, foreign or out-of-scope
     * id is not found.
     */
    private ConversationId conversationOf(Grants grants, String conversation) {
        try {
            ConversationId id = ConversationId.of(conversation);
            return conversations.find(grants, id).map(c -> c.id()).orElseThrow(() -> new NotFound("conversation"));
        }
        catch (IllegalArgumentException e) {
            throw new NotFound("conversation");
        }
    }

    /** {@code sound}: whether the member's notifications play a sound. */
    record WelcomeFrame(String type, String member, boolean sound) {
    }

}
