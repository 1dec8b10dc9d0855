package org.confidant.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.job.JobId;
import org.confidant.shared.ContactId;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code data_export} table. Every statement but the expiry's names the workspace.
 */
@Repository
class DataExports {

    private static final String COLUMNS = "id, workspace_id, job_id, kind, contact_id, requested_by, created_at, "
            + "expires_at";

    private final JdbcClient jdbc;

    DataExports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DataExport export) {
        jdbc.sql("insert into data_export (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")
            .params(export.id(), export.workspaceId().value(), export.jobId().value(), export.kind().code(),
                    export.contactId() == null ? null : export.contactId().value(), export.requestedBy().value(),
                    Timestamps.toDatabase(export.createdAt()), Timestamps.toDatabase(export.expiresAt()))
            .update();
    }

    Optional<DataExport> find(WorkspaceId workspaceId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from data_export where workspace_id = ? and id = ?")
            .params(workspaceId.value(), id)
            .query((rs, n) -> export(rs))
            .optional();
    }

    Optional<DataExport> ofJob(WorkspaceId workspaceId, JobId job) {
        return jdbc.sql("select " + COLUMNS + " from data_export where workspace_id = ? and job_id = ?")
            .params(workspaceId.value(), job.value())
            .query((rs, n) -> export(rs))
            .optional();
    }

    /** The member's exports, newest first. */
    List<DataExport> of(WorkspaceId workspaceId, MemberId member, int limit) {
        return jdbc
            .sql("select " + COLUMNS + " from data_export where workspace_id = ? and requested_by = ? "
                    + "order by created_at desc, id limit ?")
            .params(workspaceId.value(), member.value(), limit)
            .query((rs, n) -> export(rs))
            .list();
    }

    /**
     * Exports of every workspace that expired before {@code now}; the caller is in the
     * system scope.
     */
    List<DataExport> expired(Instant now) {
        return jdbc.sql("select " + COLUMNS + " from data_export where expires_at <= ? order by expires_at")
            .param(Timestamps.toDatabase(now))
            .query((rs, n) -> export(rs))
            .list();
    }

    /** Sets when the export expires (its job finished: it lasts from now on). */
    void expires(WorkspaceId workspaceId, UUID id, Instant at) {
        jdbc.sql("update data_export set expires_at = ? where workspace_id = ? and id = ?")
            .params(Timestamps.toDatabase(at), workspaceId.value(), id)
            .update();
    }

    void delete(WorkspaceId workspaceId, UUID id) {
        jdbc.sql("delete from data_export where workspace_id = ? and id = ?").params(workspaceId.value(), id).update();
    }

    void deleteWorkspace(WorkspaceId workspaceId) {
        jdbc.sql("delete from data_export where workspace_id = ?").param(workspaceId.value()).update();
    }

    private static DataExport export(ResultSet rs) throws SQLException {
        UUID contact = rs.getObject("contact_id", UUID.class);
        return new DataExport(rs.getObject("id", UUID.class), new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new JobId(rs.getObject("job_id", UUID.class)), DataExport.Kind.ofCode(rs.getString("kind")),
                contact == null ? null : new ContactId(contact), new MemberId(rs.getObject("requested_by", UUID.class)),
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)),
                Timestamps.fromDatabase(rs.getObject("expires_at", OffsetDateTime.class)));
    }

}
