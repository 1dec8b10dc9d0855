package org.confidant.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.FieldEncryption;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * Raised alerts (their content encrypted) and their deliveries, one per channel: the
 * durable queue the delivery worker works through, which survives restarts. An attempt
 * first claims its delivery with a conditional update, so that two workers (or the first
 * attempt and the worker) never send the same attempt twice.
 */
@Repository
class AlertDeliveries {

    static final EncryptedColumn CONTENT = new EncryptedColumn("alert", "content");

    private static final int MAX_ERROR_LENGTH = 200;

    /**
     * A claimed delivery: what an attempt needs, the alert still encrypted
     * ({@link #contentOf}).
     */
    record Claimed(UUID id, WorkspaceId workspaceId, AlertChannelId channelId, UUID alertId, byte[] content,
            int attempts) {
    }

    private final JdbcClient jdbc;

    private final FieldEncryption encryption;

    private final JsonMapper json;

    AlertDeliveries(JdbcClient jdbc, FieldEncryption encryption, JsonMapper json) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.json = json;
    }

    /**
     * Stores an alert and a pending delivery, due at once, for each channel; returns the
     * deliveries' ids.
     */
    List<UUID> raise(WorkspaceId workspace, AlertContent content, List<AlertChannelId> channels, Instant now) {
        UUID alertId = UUID.randomUUID();
        jdbc.sql("insert into alert (id, workspace_id, rule, audit_sequence, raised_at, content) "
                + "values (?, ?, ?, ?, ?, ?)")
            .params(alertId, workspace.value(), content.rule(), content.sequence(), Timestamps.toDatabase(now),
                    encryption.encrypt(workspace, CONTENT, alertId, json.writeValueAsString(content)))
            .update();
        return channels.stream().map(channel -> {
            UUID id = UUID.randomUUID();
            jdbc.sql("insert into alert_delivery (id, workspace_id, alert_id, channel_id, status, attempts, "
                    + "next_attempt_at, created_at) values (?, ?, ?, ?, 'PENDING', 0, ?, ?)")
                .params(id, workspace.value(), alertId, channel.value(), Timestamps.toDatabase(now),
                        Timestamps.toDatabase(now))
                .update();
            return id;
        }).toList();
    }

    /** Whether the workspace raised an alert of this rule since the instant. */
    boolean raisedSince(WorkspaceId workspace, String rule, Instant since) {
        return jdbc.sql("select count(*) from alert where workspace_id = ? and rule = ? and raised_at > ?")
            .params(workspace.value(), rule, Timestamps.toDatabase(since))
            .query(Long.class)
            .single() > 0;
    }

    /**
     * Records a failed sign-in, forgets those before the window, and counts those within
     * it. The workspace's row is locked until the transaction ends, so that concurrent
     * failures are counted (and a burst alerted) one at a time.
     */
    long countSignInFailure(WorkspaceId workspace, Instant at, Instant windowStart) {
        jdbc.sql("select id from workspace where id = ? for update")
            .param(workspace.value())
            .query(UUID.class)
            .optional();
        jdbc.sql("delete from alert_sign_in_failure where workspace_id = ? and failed_at <= ?")
            .params(workspace.value(), Timestamps.toDatabase(windowStart))
            .update();
        jdbc.sql("insert into alert_sign_in_failure (workspace_id, failed_at) values (?, ?)")
            .params(workspace.value(), Timestamps.toDatabase(at))
            .update();
        return jdbc.sql("select count(*) from alert_sign_in_failure where workspace_id = ? and failed_at > ?")
            .params(workspace.value(), Timestamps.toDatabase(windowStart))
            .query(Long.class)
            .single();
    }

    /** Pending deliveries whose next attempt is due. */
    List<UUID> due(Instant now, int limit) {
        return jdbc
            .sql("select id from alert_delivery where status = 'PENDING' and next_attempt_at <= ? "
                    + "order by next_attempt_at limit " + limit)
            .param(Timestamps.toDatabase(now))
            .query(UUID.class)
            .list();
    }

    /**
     * Claims a due delivery for one attempt: counts the attempt and moves its next
     * attempt to {@code leaseUntil} (when the process dies during the attempt, the worker
     * tries again then). Empty when it is not due or already claimed.
     */
    Optional<Claimed> claim(UUID id, Instant now, Instant leaseUntil) {
        int claimed = jdbc
            .sql("update alert_delivery set attempts = attempts + 1, next_attempt_at = ? "
                    + "where id = ? and status = 'PENDING' and next_attempt_at <= ?")
            .params(Timestamps.toDatabase(leaseUntil), id, Timestamps.toDatabase(now))
            .update();
        if (claimed == 0) {
            return Optional.empty();
        }
        return jdbc
            .sql("select d.id, d.workspace_id, d.channel_id, d.attempts, a.id as alert_id, a.content "
                    + "from alert_delivery d join alert a on a.id = d.alert_id and a.workspace_id = d.workspace_id "
                    + "where d.id = ?")
            .param(id)
            .query((rs, n) -> claimed(rs))
            .optional();
    }

    void delivered(UUID id, Instant now) {
        jdbc.sql("update alert_delivery set status = 'DELIVERED', delivered_at = ?, next_attempt_at = null, "
                + "last_error = null where id = ?")
            .params(Timestamps.toDatabase(now), id)
            .update();
    }

    /**
     * Records a failed attempt: tried again at {@code retryAt}, or failed for good when
     * that is null.
     */
    void attemptFailed(UUID id, String error, Instant retryAt) {
        String shortError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH - 1) + "…" : error;
        jdbc.sql("update alert_delivery set status = ?, next_attempt_at = ?, last_error = ? where id = ?")
            .params(retryAt == null ? "FAILED" : "PENDING", Timestamps.toDatabase(retryAt), shortError, id)
            .update();
    }

    /** The workspace's most recent deliveries, newest first. */
    List<AlertDelivery> recent(WorkspaceId workspace, int limit) {
        return jdbc
            .sql("select d.*, c.kind, a.id as alert_id, a.content from alert_delivery d "
                    + "join alert a on a.id = d.alert_id and a.workspace_id = d.workspace_id "
                    + "join alert_channel c on c.id = d.channel_id and c.workspace_id = d.workspace_id "
                    + "where d.workspace_id = ? order by d.created_at desc, d.id limit " + limit)
            .param(workspace.value())
            .query((rs, n) -> {
                AlertContent content = content(workspace, rs);
                return new AlertDelivery(rs.getObject("id", UUID.class),
                        new AlertChannelId(rs.getObject("channel_id", UUID.class)),
                        ChannelKind.valueOf(rs.getString("kind")), content.subject(),
                        DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                        instant(rs, "created_at"), instant(rs, "next_attempt_at"), instant(rs, "delivered_at"),
                        rs.getString("last_error"));
            })
            .list();
    }

    private static Claimed claimed(ResultSet rs) throws SQLException {
        return new Claimed(rs.getObject("id", UUID.class), new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new AlertChannelId(rs.getObject("channel_id", UUID.class)), rs.getObject("alert_id", UUID.class),
                rs.getBytes("content"), rs.getInt("attempts"));
    }

    /** The claimed delivery's alert, decrypted. */
    AlertContent contentOf(Claimed claimed) {
        return json.readValue(encryption.decrypt(claimed.workspaceId(), CONTENT, claimed.alertId(), claimed.content()),
                AlertContent.class);
    }

    private AlertContent content(WorkspaceId workspace, ResultSet rs) throws SQLException {
        String text = encryption.decrypt(workspace, CONTENT, rs.getObject("alert_id", UUID.class),
                rs.getBytes("content"));
        return json.readValue(text, AlertContent.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDatabase(rs.getObject(column, OffsetDateTime.class));
    }

}
