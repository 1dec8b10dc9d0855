package org.confidant.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.stereotype.Component;

/**
 * How many dashboards each member has open on this node (kept in memory: a node that
 * stops takes its sockets, and their presence, with it).
 */
@Component
class Presence {

    private record Key(WorkspaceId workspaceId, MemberId memberId) {
    }

    private final Map<Key, Integer> open = new ConcurrentHashMap<>();

    /** Counts a dashboard opened; true when it is the member's first. */
    boolean opened(WorkspaceId workspaceId, MemberId memberId) {
        return open.merge(new Key(workspaceId, memberId), 1, Integer::sum) == 1;
    }

    /** Counts a dashboard closed; true when it was the member's last. */
    boolean closed(WorkspaceId workspaceId, MemberId memberId) {
        boolean[] last = { false };
        open.computeIfPresent(new Key(workspaceId, memberId), (key, count) -> {
            last[0] = count == 1;
            return count == 1 ? null : count - 1;
        });
        return last[0];
    }

    boolean connected(WorkspaceId workspaceId, MemberId memberId) {
        return open.containsKey(new Key(workspaceId, memberId));
    }

}
