package org.confidant.realtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.springframework.stereotype.Component;

/**
 * The sockets open on this node, indexed by what fan-out addresses: visitor sockets by contact, agent sockets by
 * workspace and by the conversation they watch.
 */
@Component
class LocalSockets {

    private final Map<ContactId, Set<ClientSocket>> visitorsByContact = new ConcurrentHashMap<>();
    private final Map<WorkspaceId, Set<ClientSocket>> agentsByWorkspace = new ConcurrentHashMap<>();
    private final Map<ConversationId, Set<ClientSocket>> watchersByConversation = new ConcurrentHashMap<>();

    void addVisitor(ContactId contact, ClientSocket socket) {
        add(visitorsByContact, contact, socket);
    }

    void removeVisitor(ContactId contact, ClientSocket socket) {
        remove(visitorsByContact, contact, socket);
    }

    void addAgent(WorkspaceId workspace, ClientSocket socket) {
        add(agentsByWorkspace, workspace, socket);
    }

    void removeAgent(WorkspaceId workspace, ClientSocket socket) {
        remove(agentsByWorkspace, workspace, socket);
    }

    void watch(ConversationId conversation, ClientSocket socket) {
        add(watchersByConversation, conversation, socket);
    }

    void unwatch(ConversationId conversation, ClientSocket socket) {
        remove(watchersByConversation, conversation, socket);
    }

    void deliver(FanoutMessage message) {
        switch (message.kind()) {
            case MESSAGE -> {
                sendAll(visitorsByContact.get(message.contactId()), message.frame());
                sendAll(watchersByConversation.get(message.conversationId()), message.frame());
            }
            case CONVERSATION -> sendAll(agentsByWorkspace.get(message.workspaceId()), message.frame());
        }
    }

    private static void sendAll(Set<ClientSocket> sockets, String frame) {
        if (sockets != null) {
            sockets.forEach(socket -> socket.send(frame));
        }
    }

    private static <K> void add(Map<K, Set<ClientSocket>> index, K key, ClientSocket socket) {
        index.compute(key, (k, set) -> {
            Set<ClientSocket> sockets = set == null ? ConcurrentHashMap.newKeySet() : set;
            sockets.add(socket);
            return sockets;
        });
    }

    private static <K> void remove(Map<K, Set<ClientSocket>> index, K key, ClientSocket socket) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }
}
