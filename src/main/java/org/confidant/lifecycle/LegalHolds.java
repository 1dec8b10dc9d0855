package org.confidant.lifecycle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code legal_hold} table. Every statement names the workspace. */
@Repository
class LegalHolds {

    private final JdbcClient jdbc;

    LegalHolds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<LegalHold> list(WorkspaceId workspaceId) {
        return jdbc
            .sql("select id, target_kind, target_id, placed_by, placed_at from legal_hold where workspace_id = ? "
                    + "order by placed_at desc, id")
            .param(workspaceId.value())
            .query((rs, n) -> new LegalHold(rs.getObject("id", UUID.class),
                    new LegalHold.Target(LegalHold.Kind.ofCode(rs.getString("target_kind")).orElseThrow(),
                            rs.getObject("target_id", UUID.class)),
                    new MemberId(rs.getObject("placed_by", UUID.class)),
                    Timestamps.fromDatabase(rs.getObject("placed_at", OffsetDateTime.class))))
            .list();
    }

    /** Places the hold; false if it was placed already. */
    boolean place(WorkspaceId workspaceId, LegalHold.Target target, MemberId by, Instant at) {
        if (held(workspaceId, target.kind(), List.of(target.id())).contains(target.id())) {
            return false;
        }
        jdbc.sql("insert into legal_hold (id, workspace_id, target_kind, target_id, placed_by, placed_at) "
                + "values (?, ?, ?, ?, ?, ?)")
            .params(UUID.randomUUID(), workspaceId.value(), target.kind().code(), target.id(), by.value(),
                    Timestamps.toDatabase(at))
            .update();
        return true;
    }

    /** Lifts the hold; false if there was none. */
    boolean release(WorkspaceId workspaceId, LegalHold.Target target) {
        return jdbc.sql("delete from legal_hold where workspace_id = ? and target_kind = ? and target_id = ?")
            .params(workspaceId.value(), target.kind().code(), target.id())
            .update() > 0;
    }

    /** Which of the ids have a hold of this kind. */
    Set<UUID> held(WorkspaceId workspaceId, LegalHold.Kind kind, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc
            .sql("select target_id from legal_hold where workspace_id = :workspace and target_kind = :kind "
                    + "and target_id in (:ids)")
            .param("workspace", workspaceId.value())
            .param("kind", kind.code())
            .param("ids", List.copyOf(ids))
            .query(UUID.class)
            .list());
    }

    void deleteWorkspace(WorkspaceId workspaceId) {
        jdbc.sql("delete from legal_hold where workspace_id = ?").param(workspaceId.value()).update();
    }

}
