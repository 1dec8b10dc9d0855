package org.confidant.contact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.confidant.shared.ContactId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * The visits open now: for each contact with a widget connected to this node, what its
 * connections say ({@link LiveVisit}). Kept in memory for as long as the connection is
 * open and never stored, logged or audited: the real-time module records a visitor socket
 * when it has said hello and forgets it when it closes. Like member presence it knows
 * this node's sockets only; with several nodes a visitor connected to another one shows
 * as not connected. With several connections (tabs) of one contact, the latest one's
 * facts are shown.
 */
@Component
@NamedInterface("api")
public class LiveVisits {

    private record Key(WorkspaceId workspaceId, ContactId contactId) {
    }

    /** Per contact, its open connections by socket id, oldest first. */
    private final Map<Key, LinkedHashMap<String, LiveVisit>> open = new ConcurrentHashMap<>();

    /** A visitor connection of the contact opened (or said something new). */
    public void connected(WorkspaceId workspaceId, ContactId contactId, String socket, LiveVisit visit) {
        open.compute(new Key(workspaceId, contactId), (key, visits) -> {
            LinkedHashMap<String, LiveVisit> all = visits == null ? new LinkedHashMap<>() : visits;
            all.remove(socket);
            all.put(socket, visit);
            return all;
        });
    }

    /** A visitor connection of the contact closed. */
    public void disconnected(WorkspaceId workspaceId, ContactId contactId, String socket) {
        open.computeIfPresent(new Key(workspaceId, contactId), (key, visits) -> {
            visits.remove(socket);
            return visits.isEmpty() ? null : visits;
        });
    }

    /** The contact's latest open connection on this node, if any. */
    public Optional<LiveVisit> now(WorkspaceId workspaceId, ContactId contactId) {
        LiveVisit[] latest = { null };
        open.computeIfPresent(new Key(workspaceId, contactId), (key, visits) -> {
            visits.values().forEach(visit -> latest[0] = visit);
            return visits;
        });
        return Optional.ofNullable(latest[0]);
    }

}
