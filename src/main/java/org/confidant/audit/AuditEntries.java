package org.confidant.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The only code that writes the audit tables (an architecture test holds every other
 * class to that). Entries are inserted, never updated; they are deleted only by
 * {@link #purge} (retention) and {@link #deleteWorkspace}, which on PostgreSQL first open
 * the trigger's gate for their own transaction ({@link AuditTableGuard}).
 *
 * <p>
 * <b>Append-only.</b> Only {@code AuditEntries} writes the tables (an architecture test
 * holds the rest of the code to that); it deletes entries only for retention
 * ({@code confidant.audit.retention}, a year by default, which keeps the newest purged
 * hash as the chain's anchor and records {@code audit.retention_purged}) and when a
 * workspace is deleted. On PostgreSQL a trigger refuses any other change.
 */
@Repository
class AuditEntries {

    /**
     * The head of a workspace's chain; {@code anchorSignature} is the signed checkpoint
     * retention left at the anchor (null before any purge).
     */
    record Head(long lastSequence, byte[] lastHash, long anchorSequence, byte[] anchorHash, String anchorSignature) {
    }

    private static final String COLUMNS = "workspace_id, sequence, recorded_at, actor_kind, actor_id, actor_label, "
            + "action, target, outcome, source_ip, user_agent, details, prev_hash, hash";

    private final JdbcClient jdbc;

    private final AuditTableGuard guard;

    AuditEntries(JdbcClient jdbc, AuditTableGuard guard) {
        this.jdbc = jdbc;
        this.guard = guard;
    }

    /**
     * Locks the workspace's chain head for this transaction, making it first when the
     * workspace has none.
     */
    Head lockHead(WorkspaceId workspace) {
        Optional<Head> head = lockedHead(workspace);
        if (head.isPresent()) {
            return head.get();
        }
        jdbc.sql("insert into audit_chain (workspace_id, last_sequence, last_hash, anchor_sequence, anchor_hash) "
                + "values (?, 0, ?, 0, ?) on conflict do nothing")
            .params(workspace.value(), AuditChain.GENESIS, AuditChain.GENESIS)
            .update();
        return lockedHead(workspace).orElseThrow();
    }

    private Optional<Head> lockedHead(WorkspaceId workspace) {
        return jdbc
            .sql("select last_sequence, last_hash, anchor_sequence, anchor_hash, anchor_signature from audit_chain "
                    + "where workspace_id = ? for update")
            .param(workspace.value())
            .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getBytes(4), rs.getString(5)))
            .optional();
    }

    Optional<Head> head(WorkspaceId workspace) {
        return jdbc
            .sql("select last_sequence, last_hash, anchor_sequence, anchor_hash, anchor_signature from audit_chain "
                    + "where workspace_id = ?")
            .param(workspace.value())
            .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getBytes(4), rs.getString(5)))
            .optional();
    }

    void append(AuditEntry entry) {
        jdbc.sql("insert into audit_entry (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(entry.workspaceId().value(), entry.sequence(), Timestamps.toDatabase(entry.at()),
                    entry.actor().kind().name(), entry.actor().id(), entry.actor().label(), entry.action(),
                    entry.target(), entry.outcome().name(), entry.sourceIp(), entry.userAgent(), entry.details(),
                    entry.prevHash(), entry.hash())
            .update();
        jdbc.sql("update audit_chain set last_sequence = ?, last_hash = ? where workspace_id = ?")
            .params(entry.sequence(), entry.hash(), entry.workspaceId().value())
            .update();
    }

    /**
     * Entries matching the filter, newest first, with a sequence below {@code before}.
     */
    List<AuditEntry> page(WorkspaceId workspace, AuditFilter filter, long before, int size) {
        Query query = where(workspace, filter);
        query.sql.append(" and sequence < ? order by sequence desc limit ?");
        query.params.add(before);
        query.params.add(size);
        return jdbc.sql("select " + COLUMNS + " from audit_entry" + query.sql)
            .params(query.params)
            .query(AuditEntries::entry)
            .list();
    }

    /**
     * Entries matching the filter, oldest first, with a sequence above {@code after} and
     * at most {@code upTo}.
     */
    List<AuditEntry> pageForward(WorkspaceId workspace, AuditFilter filter, long after, long upTo, int size) {
        Query query = where(workspace, filter);
        query.sql.append(" and sequence > ? and sequence <= ? order by sequence limit ?");
        query.params.add(after);
        query.params.add(upTo);
        query.params.add(size);
        return jdbc.sql("select " + COLUMNS + " from audit_entry" + query.sql)
            .params(query.params)
            .query(AuditEntries::entry)
            .list();
    }

    long count(WorkspaceId workspace, AuditFilter filter, long upTo) {
        Query query = where(workspace, filter);
        query.sql.append(" and sequence <= ?");
        query.params.add(upTo);
        return jdbc.sql("select count(*) from audit_entry" + query.sql).params(query.params).query(Long.class).single();
    }

    /**
     * Every stored entry of the workspace after {@code after}, oldest first, at most
     * {@code size}, unfiltered.
     */
    List<AuditEntry> chainAfter(WorkspaceId workspace, long after, int size) {
        return jdbc
            .sql("select " + COLUMNS + " from audit_entry where workspace_id = ? and sequence > ? "
                    + "order by sequence limit ?")
            .params(workspace.value(), after, size)
            .query(AuditEntries::entry)
            .list();
    }

    List<WorkspaceId> workspacesWithEntriesBefore(Instant cutoff) {
        return jdbc.sql("select distinct workspace_id from audit_entry where recorded_at < ?")
            .param(Timestamps.toDatabase(cutoff))
            .query((rs, n) -> new WorkspaceId(rs.getObject(1, UUID.class)))
            .list();
    }

    List<WorkspaceId> workspaces() {
        return jdbc.sql("select workspace_id from audit_chain order by workspace_id")
            .query((rs, n) -> new WorkspaceId(rs.getObject(1, UUID.class)))
            .list();
    }

    /** The newest entry recorded before {@code cutoff}: its sequence and hash. */
    Optional<Anchor> newestBefore(WorkspaceId workspace, Instant cutoff) {
        return jdbc
            .sql("select sequence, hash from audit_entry where workspace_id = ? and recorded_at < ? "
                    + "order by sequence desc limit 1")
            .params(workspace.value(), Timestamps.toDatabase(cutoff))
            .query((rs, n) -> new Anchor(rs.getLong(1), rs.getBytes(2)))
            .optional();
    }

    /** An entry the chain may start after: its sequence and hash. */
    record Anchor(long sequence, byte[] hash) {
    }

    /**
     * Retention: deletes the entries up to {@code anchor} (the newest one recorded before
     * the cutoff) and keeps its hash, with the signed checkpoint that vouches for it, as
     * the chain's anchor, so the rest still verifies. The caller holds the head lock.
     * Returns how many were deleted.
     */
    long purge(WorkspaceId workspace, Anchor anchor, String checkpoint) {
        guard.openForThisTransaction(jdbc);
        long deleted = jdbc.sql("delete from audit_entry where workspace_id = ? and sequence <= ?")
            .params(workspace.value(), anchor.sequence())
            .update();
        jdbc.sql("update audit_chain set anchor_sequence = ?, anchor_hash = ?, anchor_signature = ? "
                + "where workspace_id = ?")
            .params(anchor.sequence(), anchor.hash(), checkpoint, workspace.value())
            .update();
        return deleted;
    }

    /** The workspace's own retention in days, when it set one. */
    Optional<Integer> retentionDays(WorkspaceId workspace) {
        return jdbc.sql("select retention_days from audit_chain where workspace_id = ?")
            .param(workspace.value())
            .query((rs, n) -> (Integer) rs.getObject(1, Integer.class))
            .optional()
            .filter(days -> days != null);
    }

    /** Sets the workspace's own retention in days (null: the deployment's). */
    void setRetentionDays(WorkspaceId workspace, Integer days) {
        lockHead(workspace);
        jdbc.sql("update audit_chain set retention_days = ? where workspace_id = ?")
            .params(days, workspace.value())
            .update();
    }

    /** The workspace is being deleted: its log goes with it. */
    void deleteWorkspace(WorkspaceId workspace) {
        guard.openForThisTransaction(jdbc);
        jdbc.sql("delete from audit_entry where workspace_id = ?").param(workspace.value()).update();
        jdbc.sql("delete from audit_chain where workspace_id = ?").param(workspace.value()).update();
    }

    private static Query where(WorkspaceId workspace, AuditFilter filter) {
        Query query = new Query(new StringBuilder(" where workspace_id = ?"),
                new ArrayList<>(List.of(workspace.value())));
        filter.actor().ifPresent(actor -> {
            query.sql.append(AuditFilter.isId(actor) ? " and actor_id = ?" : " and actor_label = ?");
            query.params.add(actor);
        });
        filter.action().ifPresent(action -> {
            if (action.endsWith(".")) {
                query.sql.append(" and action like ?");
                query.params.add(action + "%");
            }
            else {
                query.sql.append(" and action = ?");
                query.params.add(action);
            }
        });
        filter.target().ifPresent(target -> {
            query.sql.append(" and target = ?");
            query.params.add(target);
        });
        filter.from().ifPresent(from -> {
            query.sql.append(" and recorded_at >= ?");
            query.params.add(Timestamps.toDatabase(from));
        });
        filter.to().ifPresent(to -> {
            query.sql.append(" and recorded_at < ?");
            query.params.add(Timestamps.toDatabase(to));
        });
        return query;
    }

    private record Query(StringBuilder sql, List<Object> params) {
    }

    private static AuditEntry entry(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getLong("sequence"),
                Timestamps.fromDatabase(rs.getObject("recorded_at", OffsetDateTime.class)),
                new AuditActor(AuditActor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id"),
                        rs.getString("actor_label")),
                rs.getString("action"), rs.getString("target"), AuditOutcome.valueOf(rs.getString("outcome")),
                rs.getString("source_ip"), rs.getString("user_agent"), rs.getString("details"),
                rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }

}
