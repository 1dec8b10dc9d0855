package org.confidant.routing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.InboxId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Inboxes' routing settings, in SQL. An inbox without a row has round-robin off. */
@Repository
class InboxRoutings {

    private final JdbcClient jdbc;

    InboxRoutings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    InboxRouting find(WorkspaceId workspaceId, InboxId inboxId) {
        return jdbc.sql("select round_robin, open_limit from inbox_routing where workspace_id = ? and inbox_id = ?")
            .params(workspaceId.value(), inboxId.value())
            .query((rs, n) -> new InboxRouting(inboxId, rs.getBoolean("round_robin"), rs.getInt("open_limit")))
            .optional()
            .orElseGet(() -> InboxRouting.off(inboxId));
    }

    /**
     * Reads the inbox's routing and locks its row until the transaction ends: routing in
     * the inbox happens one pick at a time. Empty when round-robin was never set (then it
     * is off, and there is nothing to hand out).
     */
    Optional<InboxRouting> lock(WorkspaceId workspaceId, InboxId inboxId) {
        return jdbc
            .sql("select round_robin, open_limit from inbox_routing where workspace_id = ? and inbox_id = ? for update")
            .params(workspaceId.value(), inboxId.value())
            .query((rs, n) -> new InboxRouting(inboxId, rs.getBoolean("round_robin"), rs.getInt("open_limit")))
            .optional();
    }

    void save(WorkspaceId workspaceId, InboxRouting routing, Instant now) {
        jdbc.sql("""
                insert into inbox_routing (inbox_id, workspace_id, round_robin, open_limit, updated_at)
                values (?, ?, false, ?, ?) on conflict do nothing
                """)
            .params(routing.inboxId().value(), workspaceId.value(), InboxRouting.DEFAULT_LIMIT,
                    Timestamps.toDatabase(now))
            .update();
        jdbc.sql("""
                update inbox_routing set round_robin = ?, open_limit = ?, updated_at = ?
                 where workspace_id = ? and inbox_id = ?
                """)
            .params(routing.roundRobin(), routing.openLimit(), Timestamps.toDatabase(now), workspaceId.value(),
                    routing.inboxId().value())
            .update();
    }

    /**
     * Of these inboxes, those with round-robin on, in id order (the order routing locks
     * them in).
     */
    List<InboxId> roundRobinAmong(WorkspaceId workspaceId, Collection<InboxId> inboxes) {
        if (inboxes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select inbox_id from inbox_routing
                 where workspace_id = :workspace and round_robin and inbox_id in (:inboxes)
                 order by inbox_id
                """)
            .param("workspace", workspaceId.value())
            .param("inboxes", inboxes.stream().map(InboxId::value).toList())
            .query((rs, n) -> new InboxId(rs.getObject("inbox_id", UUID.class)))
            .list();
    }

}
