package org.confidant.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code retention_policy} table: the workspace's policy (no inbox) and the inboxes'
 * own. Every statement names the workspace.
 */
@Repository
class RetentionPolicies {

    private static final String COLUMNS = "inbox_id, resolved_days, inactive_days, attachment_days, "
            + "orphan_contact_days";

    private final JdbcClient jdbc;

    RetentionPolicies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The workspace's own policy (its audit window is the audit module's). */
    Optional<RetentionPolicy> ofWorkspace(WorkspaceId workspaceId) {
        return jdbc
            .sql("select " + COLUMNS + " from retention_policy where workspace_id = ? and inbox_id is null "
                    + "order by updated_at desc limit 1")
            .param(workspaceId.value())
            .query((rs, n) -> policy(rs))
            .optional();
    }

    /** The inboxes that have a policy of their own. */
    Map<InboxId, RetentionPolicy> ofInboxes(WorkspaceId workspaceId) {
        Map<InboxId, RetentionPolicy> policies = new LinkedHashMap<>();
        jdbc.sql("select " + COLUMNS + " from retention_policy where workspace_id = ? and inbox_id is not null "
                + "order by updated_at")
            .param(workspaceId.value())
            .query(rs -> {
                policies.put(new InboxId(rs.getObject("inbox_id", UUID.class)), policy(rs));
            });
        return policies;
    }

    /** Replaces the workspace's policy ({@code inbox} null) or an inbox's. */
    void save(WorkspaceId workspaceId, InboxId inbox, RetentionPolicy policy, MemberId by, Instant at) {
        remove(workspaceId, inbox);
        jdbc.sql("""
                insert into retention_policy (id, workspace_id, inbox_id, resolved_days, inactive_days,
                                              attachment_days, orphan_contact_days, updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(UUID.randomUUID(), workspaceId.value(), inbox == null ? null : inbox.value(), policy.resolvedDays(),
                    policy.inactiveDays(), policy.attachmentDays(), inbox == null ? policy.orphanContactDays() : null,
                    Timestamps.toDatabase(at), by.value())
            .update();
    }

    /** Removes the workspace's policy ({@code inbox} null) or an inbox's own. */
    void remove(WorkspaceId workspaceId, InboxId inbox) {
        if (inbox == null) {
            jdbc.sql("delete from retention_policy where workspace_id = ? and inbox_id is null")
                .param(workspaceId.value())
                .update();
        }
        else {
            jdbc.sql("delete from retention_policy where workspace_id = ? and inbox_id = ?")
                .params(workspaceId.value(), inbox.value())
                .update();
        }
    }

    /** The workspaces that let anything go; the caller is in the system scope. */
    List<WorkspaceId> workspacesWithPolicies() {
        return jdbc
            .sql("select distinct workspace_id from retention_policy where resolved_days is not null "
                    + "or inactive_days is not null or attachment_days is not null "
                    + "or orphan_contact_days is not null order by workspace_id")
            .query((rs, n) -> new WorkspaceId(rs.getObject(1, UUID.class)))
            .list();
    }

    void deleteWorkspace(WorkspaceId workspaceId) {
        jdbc.sql("delete from retention_policy where workspace_id = ?").param(workspaceId.value()).update();
    }

    private static RetentionPolicy policy(ResultSet rs) throws SQLException {
        return new RetentionPolicy(days(rs, "resolved_days"), days(rs, "inactive_days"), days(rs, "attachment_days"),
                days(rs, "orphan_contact_days"), null);
    }

    private static Integer days(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

}
