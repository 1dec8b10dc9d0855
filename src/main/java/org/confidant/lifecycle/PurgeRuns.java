package org.confidant.lifecycle;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code purge_run} table: what each purge run deleted, per workspace. */
@Repository
class PurgeRuns {

    private final JdbcClient jdbc;

    PurgeRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(WorkspaceId workspaceId, PurgeRun run) {
        jdbc.sql("""
                insert into purge_run (id, workspace_id, started_at, finished_at, conversations, messages, attachments,
                                       contacts)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(run.id(), workspaceId.value(), Timestamps.toDatabase(run.startedAt()),
                    Timestamps.toDatabase(run.finishedAt()), run.conversations(), run.messages(), run.attachments(),
                    run.contacts())
            .update();
    }

    List<PurgeRun> recent(WorkspaceId workspaceId, int limit) {
        return jdbc.sql("""
                select id, started_at, finished_at, conversations, messages, attachments, contacts from purge_run
                 where workspace_id = ? order by started_at desc, id limit ?""")
            .params(workspaceId.value(), limit)
            .query((rs, n) -> new PurgeRun(rs.getObject("id", UUID.class),
                    Timestamps.fromDatabase(rs.getObject("started_at", OffsetDateTime.class)),
                    Timestamps.fromDatabase(rs.getObject("finished_at", OffsetDateTime.class)),
                    rs.getLong("conversations"), rs.getLong("messages"), rs.getLong("attachments"),
                    rs.getLong("contacts")))
            .list();
    }

    void deleteWorkspace(WorkspaceId workspaceId) {
        jdbc.sql("delete from purge_run where workspace_id = ?").param(workspaceId.value()).update();
    }

}
