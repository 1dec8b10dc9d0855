package org.confidant.realtime;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.identity.NotificationPreferenceManagement;
import org.confidant.identity.NotificationPreferences;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The sockets open on this node, indexed by what fan-out addresses: visitor sockets by
 * contact, agent sockets by workspace and by the conversation they watch. An agent socket
 * receives a conversation's frames only while its member may read the conversation; when
 * the member's access changes, their sockets re-read their grants here, drop a watched
 * conversation they may no longer read, and are told to reload; when the membership ends
 * they close. Notifications (a new conversation, a visitor's message) go to every agent
 * socket whose member may read the conversation and whose preferences ask for them, with
 * the message's text only to members who turned previews on. A visitor socket whose
 * sessions were revoked (its contact blocked) is told so and closed. Each socket's share
 * of a delivery stands alone: a frame that cannot be sent to one socket closes at most
 * that socket, never its neighbours.
 */
@Component
class LocalSockets {

    /**
     * Close code for a socket whose membership ended: the dashboard reloads, and the
     * server sends it to sign in.
     */
    static final CloseStatus MEMBERSHIP_ENDED = new CloseStatus(4403, "membership ended");

    /**
     * Close code for a visitor socket whose session was revoked (the error frame before
     * it says why).
     */
    static final CloseStatus VISITOR_REVOKED = new CloseStatus(4403, "visitor session revoked");

    private static final Logger log = LoggerFactory.getLogger(LocalSockets.class);

    private final Map<ContactId, Set<ClientSocket>> visitorsByContact = new ConcurrentHashMap<>();

    private final Map<WorkspaceId, Set<AgentSocket>> agentsByWorkspace = new ConcurrentHashMap<>();

    private final Map<ConversationId, Set<AgentSocket>> watchersByConversation = new ConcurrentHashMap<>();

    private final AccessManagement access;

    private final Frames frames;

    private final NotificationPreferenceManagement preferences;

    LocalSockets(AccessManagement access, Frames frames, NotificationPreferenceManagement preferences) {
        this.access = access;
        this.frames = frames;
        this.preferences = preferences;
    }

    void addVisitor(ContactId contact, ClientSocket socket) {
        add(visitorsByContact, contact, socket);
    }

    void removeVisitor(ContactId contact, ClientSocket socket) {
        remove(visitorsByContact, contact, socket);
    }

    void addAgent(AgentSocket agent) {
        add(agentsByWorkspace, agent.workspaceId(), agent);
    }

    void removeAgent(AgentSocket agent) {
        remove(agentsByWorkspace, agent.workspaceId(), agent);
        unwatch(agent);
    }

    /** Makes the agent socket watch this conversation, and no other. */
    void watch(AgentSocket agent, ConversationId conversation) {
        ConversationId previous = agent.watching();
        if (previous != null && !previous.equals(conversation)) {
            remove(watchersByConversation, previous, agent);
        }
        agent.watching(conversation);
        add(watchersByConversation, conversation, agent);
    }

    private void unwatch(AgentSocket agent) {
        ConversationId watching = agent.watching();
        if (watching != null) {
            remove(watchersByConversation, watching, agent);
            agent.watching(null);
        }
    }

    void deliver(FanoutMessage message) {
        switch (message.kind()) {
            case MESSAGE -> {
                sendAll(visitorsByContact.get(message.contactId()), message.frame());
                forEach(watchersByConversation.get(message.conversationId()), agent -> {
                    if (agent.canRead(message.inboxId(), message.member())) {
                        agent.socket.send(message.frame());
                    }
                });
            }
            case TYPING_TO_VISITOR -> sendAll(visitorsByContact.get(message.contactId()), message.frame());
            case NOTE, TYPING_TO_AGENTS -> forEach(watchersByConversation.get(message.conversationId()), agent -> {
                if (agent.canRead(message.inboxId(), message.member())) {
                    agent.socket.send(message.frame());
                }
            });
            case CONVERSATION -> forEach(agentsByWorkspace.get(message.workspaceId()), agent -> {
                if (agent.canRead(message.inboxId(), message.member())) {
                    agent.socket.send(message.frame());
                }
                else if (message.conversationId().equals(agent.watching())) {
                    unwatch(agent); // it left the member's scope while they had it open
                    agent.socket.send(frames.accessChanged());
                }
            });
            case VISITOR_REVOKED -> {
                Set<ClientSocket> sockets = visitorsByContact.remove(message.contactId());
                if (sockets != null) {
                    sockets.forEach(socket -> isolated(socket.id(), () -> revoke(socket, message.frame())));
                }
            }
            case NEW_CONVERSATION, VISITOR_MESSAGE -> forEach(agentsByWorkspace.get(message.workspaceId()), agent -> {
                NotificationPreferences wanted = agent.preferences();
                if (agent.canRead(message.inboxId(), message.member())
                        && wanted.wants(message.kind() == FanoutMessage.Kind.NEW_CONVERSATION,
                                agent.memberId().equals(message.member()))) {
                    agent.socket.send(wanted.previews() ? message.preview() : message.frame());
                }
            });
            case ATTENTION -> forEach(agentsByWorkspace.get(message.workspaceId()), agent -> {
                if (agent.memberId().equals(message.member())) {
                    agent.socket.send(agent.preferences().previews() ? message.preview() : message.frame());
                }
            });
            case PREFERENCES -> forEach(agentsByWorkspace.get(message.workspaceId()), agent -> {
                if (agent.memberId().equals(message.member())) {
                    agent.preferences(preferences.of(agent.workspaceId(), agent.memberId()));
                    agent.socket.send(message.frame());
                }
            });
            case STATUS ->
                forEach(agentsByWorkspace.get(message.workspaceId()), agent -> agent.socket.send(message.frame()));
            case ACCESS, ACCESS_ENDED -> forEach(agentsByWorkspace.get(message.workspaceId()), agent -> {
                if (agent.memberId().equals(message.member())) {
                    refresh(agent, message.kind() == FanoutMessage.Kind.ACCESS_ENDED);
                }
            });
        }
    }

    private void refresh(AgentSocket agent, boolean removed) {
        Optional<Grants> grants = removed ? Optional.empty() : access.grants(agent.workspaceId(), agent.memberId());
        if (grants.isEmpty()) {
            removeAgent(agent);
            agent.socket.close(MEMBERSHIP_ENDED);
            return;
        }
        agent.grants(grants.get());
        unwatch(agent); // the dashboard reloads and watches again, if the member may
                        // still read the conversation
        agent.socket.send(frames.accessChanged());
    }

    /** Tells a visitor socket why its session ended, and closes it. */
    private static void revoke(ClientSocket socket, String frame) {
        socket.sendThenClose(frame, VISITOR_REVOKED);
    }

    private static void sendAll(Set<ClientSocket> sockets, String frame) {
        if (sockets != null) {
            sockets.forEach(socket -> isolated(socket.id(), () -> socket.send(frame)));
        }
    }

    private static void forEach(Set<AgentSocket> agents, Consumer<AgentSocket> action) {
        if (agents != null) {
            agents.forEach(agent -> isolated(agent.socket.id(), () -> action.accept(agent)));
        }
    }

    /**
     * One socket's share of a delivery: whatever fails there (a send closes only its own
     * socket, see {@link ClientSocket#send}) is logged in one line and never keeps the
     * frame from the other sockets.
     */
    private static void isolated(String socketId, Runnable delivery) {
        try {
            delivery.run();
        }
        catch (RuntimeException e) {
            log.warn("delivering a frame to socket {} failed: {}", socketId, e.toString());
        }
    }

    private static <K, V> void add(Map<K, Set<V>> index, K key, V value) {
        index.compute(key, (k, set) -> {
            Set<V> values = set == null ? ConcurrentHashMap.newKeySet() : set;
            values.add(value);
            return values;
        });
    }

    private static <K, V> void remove(Map<K, Set<V>> index, K key, V value) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(value);
            return set.isEmpty() ? null : set;
        });
    }

}
