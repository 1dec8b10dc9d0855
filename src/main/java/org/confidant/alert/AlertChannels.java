package org.confidant.alert;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/**
 * The alert channels of each workspace; targets and signing secrets are stored encrypted.
 */
@Repository
class AlertChannels {

    static final EncryptedColumn TARGET = new EncryptedColumn("alert_channel", "target");
    static final EncryptedColumn SECRET = new EncryptedColumn("alert_channel", "secret");

    /** A channel with its decrypted target and secret, for a delivery. */
    record Stored(AlertChannel channel, String target, String secret) {
    }

    private final JdbcClient jdbc;

    private final FieldEncryption encryption;

    AlertChannels(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    void insert(AlertChannel channel, String target, String secret) {
        WorkspaceId workspace = channel.workspaceId();
        UUID id = channel.id().value();
        jdbc.sql("insert into alert_channel (id, workspace_id, kind, target, secret, created_at) "
                + "values (?, ?, ?, ?, ?, ?)")
            .params(id, workspace.value(), channel.kind().name(), encryption.encrypt(workspace, TARGET, id, target),
                    encryption.encryptOrNull(workspace, SECRET, id, secret), Timestamps.toDatabase(channel.createdAt()))
            .update();
    }

    List<Stored> list(WorkspaceId workspace) {
        return jdbc.sql("select * from alert_channel where workspace_id = ? order by created_at, id")
            .param(workspace.value())
            .query((rs, n) -> stored(workspace, rs))
            .list();
    }

    Optional<Stored> find(WorkspaceId workspace, AlertChannelId id) {
        return jdbc.sql("select * from alert_channel where workspace_id = ? and id = ?")
            .params(workspace.value(), id.value())
            .query((rs, n) -> stored(workspace, rs))
            .optional();
    }

    void delete(WorkspaceId workspace, AlertChannelId id) {
        jdbc.sql("delete from alert_delivery where workspace_id = ? and channel_id = ?")
            .params(workspace.value(), id.value())
            .update();
        jdbc.sql("delete from alert_channel where workspace_id = ? and id = ?")
            .params(workspace.value(), id.value())
            .update();
    }

    private Stored stored(WorkspaceId workspace, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        ChannelKind kind = ChannelKind.valueOf(rs.getString("kind"));
        String target = encryption.decrypt(workspace, TARGET, id, rs.getBytes("target"));
        String secret = encryption.decryptOrNull(workspace, SECRET, id, rs.getBytes("secret"));
        AlertChannel channel = new AlertChannel(new AlertChannelId(id), workspace, kind, shown(kind, target),
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)));
        return new Stored(channel, target, secret);
    }

    /**
     * What the page may show of a target: never a URL's path or query, which may be its
     * secret.
     */
    static String shown(ChannelKind kind, String target) {
        if (kind == ChannelKind.EMAIL) {
            return target;
        }
        URI uri = URI.create(target);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/…";
    }

}
