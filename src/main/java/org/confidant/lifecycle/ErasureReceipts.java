package org.confidant.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code erasure_receipt} table: each erasure's signed receipt (a compact JWS over
 * ids and counts), by the id of the job that did it.
 */
@Repository
class ErasureReceipts {

    /** A stored receipt. */
    record Stored(UUID id, MemberId requestedBy, Instant createdAt, String jws) {
    }

    private final JdbcClient jdbc;

    ErasureReceipts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(WorkspaceId workspaceId, UUID jobId, MemberId requestedBy, Instant at, String jws) {
        jdbc.sql("insert into erasure_receipt (id, workspace_id, job_id, requested_by, created_at, receipt) "
                + "values (?, ?, ?, ?, ?, ?)")
            .params(jobId, workspaceId.value(), jobId, requestedBy == null ? null : requestedBy.value(),
                    Timestamps.toDatabase(at), jws)
            .update();
    }

    Optional<Stored> find(WorkspaceId workspaceId, UUID jobId) {
        return jdbc
            .sql("select id, requested_by, created_at, receipt from erasure_receipt where workspace_id = ? "
                    + "and job_id = ?")
            .params(workspaceId.value(), jobId)
            .query((rs, n) -> stored(rs))
            .optional();
    }

    List<Stored> recent(WorkspaceId workspaceId, int limit) {
        return jdbc
            .sql("select id, requested_by, created_at, receipt from erasure_receipt where workspace_id = ? "
                    + "order by created_at desc, id limit ?")
            .params(workspaceId.value(), limit)
            .query((rs, n) -> stored(rs))
            .list();
    }

    void deleteWorkspace(WorkspaceId workspaceId) {
        jdbc.sql("delete from erasure_receipt where workspace_id = ?").param(workspaceId.value()).update();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        UUID requester = rs.getObject("requested_by", UUID.class);
        return new Stored(rs.getObject("id", UUID.class), requester == null ? null : new MemberId(requester),
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)), rs.getString("receipt"));
    }

}
