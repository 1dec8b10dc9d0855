package org.confidant.reply;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.FieldEncryption;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Saved replies in SQL. Every statement filters on the workspace; a member reaches the
 * workspace's replies and their own, never a colleague's. Bodies are encrypted bound to
 * their row.
 */
@Repository
class SavedReplies {

    static final EncryptedColumn BODY = new EncryptedColumn("saved_reply", "body");

    private static final String COLUMNS = "select id, owner_member_id, name, body, updated_at from saved_reply";

    /** The replies a member may use: the workspace's and their own. */
    private static final String USABLE = " where workspace_id = ? and (owner_member_id is null or owner_member_id = ?)";

    private final JdbcClient jdbc;

    private final FieldEncryption encryption;

    SavedReplies(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    /** The workspace's replies and the member's own, by name (the member's first). */
    List<SavedReply> usableBy(WorkspaceId workspaceId, MemberId member) {
        return jdbc.sql(COLUMNS + USABLE + " order by name, owner_member_id nulls last")
            .params(workspaceId.value(), member.value())
            .query((rs, n) -> reply(workspaceId, rs))
            .list();
    }

    /** The reply, if it is the workspace's or the member's own. */
    Optional<SavedReply> findUsable(WorkspaceId workspaceId, MemberId member, SavedReplyId id) {
        return jdbc.sql(COLUMNS + USABLE + " and id = ?")
            .params(workspaceId.value(), member.value(), id.value())
            .query((rs, n) -> reply(workspaceId, rs))
            .optional();
    }

    /**
     * The reply by this name the member would insert: their own first, else the
     * workspace's.
     */
    Optional<SavedReply> findUsableByName(WorkspaceId workspaceId, MemberId member, String name) {
        return jdbc.sql(COLUMNS + USABLE + " and name = ? order by owner_member_id nulls last")
            .params(workspaceId.value(), member.value(), name)
            .query((rs, n) -> reply(workspaceId, rs))
            .list()
            .stream()
            .findFirst();
    }

    /** Whether another reply of the same scope has this name. */
    boolean nameTaken(WorkspaceId workspaceId, @Nullable MemberId owner, String name, @Nullable SavedReplyId except) {
        UUID excluded = except == null ? new UUID(0, 0) : except.value();
        return owner == null
                ? jdbc
                    .sql("select count(*) from saved_reply where workspace_id = ? and owner_member_id is null "
                            + "and name = ? and id <> ?")
                    .params(workspaceId.value(), name, excluded)
                    .query(Long.class)
                    .single() > 0
                : jdbc
                    .sql("select count(*) from saved_reply where workspace_id = ? and owner_member_id = ? "
                            + "and name = ? and id <> ?")
                    .params(workspaceId.value(), owner.value(), name, excluded)
                    .query(Long.class)
                    .single() > 0;
    }

    void insert(SavedReply reply, Instant now) {
        jdbc.sql("""
                insert into saved_reply (id, workspace_id, owner_member_id, name, body, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                """)
            .params(reply.id().value(), reply.workspaceId().value(),
                    reply.owner() == null ? null : reply.owner().value(), reply.name(),
                    encryption.encrypt(reply.workspaceId(), BODY, reply.id().value(), reply.body()),
                    Timestamps.toDatabase(now), Timestamps.toDatabase(now))
            .update();
    }

    void update(SavedReply reply) {
        jdbc.sql("update saved_reply set name = ?, body = ?, updated_at = ? where workspace_id = ? and id = ?")
            .params(reply.name(), encryption.encrypt(reply.workspaceId(), BODY, reply.id().value(), reply.body()),
                    Timestamps.toDatabase(reply.updatedAt()), reply.workspaceId().value(), reply.id().value())
            .update();
    }

    void delete(WorkspaceId workspaceId, SavedReplyId id) {
        jdbc.sql("delete from saved_reply where workspace_id = ? and id = ?")
            .params(workspaceId.value(), id.value())
            .update();
    }

    /** Deletes a member's own replies (their membership ended). */
    void deleteOwnedBy(WorkspaceId workspaceId, MemberId member) {
        jdbc.sql("delete from saved_reply where workspace_id = ? and owner_member_id = ?")
            .params(workspaceId.value(), member.value())
            .update();
    }

    /** Deletes every reply of the workspace (it is being deleted). */
    void deleteAll(WorkspaceId workspaceId) {
        jdbc.sql("delete from saved_reply where workspace_id = ?").param(workspaceId.value()).update();
    }

    private SavedReply reply(WorkspaceId workspaceId, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID owner = rs.getObject("owner_member_id", UUID.class);
        return new SavedReply(new SavedReplyId(id), workspaceId, owner == null ? null : new MemberId(owner),
                rs.getString("name"), encryption.decrypt(workspaceId, BODY, id, rs.getBytes("body")),
                Timestamps.fromDatabase(rs.getObject("updated_at", OffsetDateTime.class)));
    }

}
