package org.confidant.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.confidant.shared.ApiTokenId;
import org.confidant.access.Permission;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_token} table. */
@Repository
class ApiTokens {

    private static final String COLUMNS = "select id, workspace_id, member_id, name, permissions, created_at, "
            + "expires_at, revoked_at, last_used_at from api_token";

    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiToken token, byte[] secretHash) {
        jdbc.sql("""
                insert into api_token (id, workspace_id, member_id, name, permissions, secret_hash, created_at,
                                       expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(token.id().value(), token.workspaceId().value(), token.memberId().value(), token.name(),
                    keys(token.permissions()), secretHash, Timestamps.toDatabase(token.createdAt()),
                    Timestamps.toDatabase(token.expiresAt()))
            .update();
    }

    Optional<ApiToken> find(WorkspaceId workspaceId, ApiTokenId id) {
        return jdbc.sql(COLUMNS + " where workspace_id = ? and id = ?")
            .params(workspaceId.value(), id.value())
            .query(ApiTokens::token)
            .optional();
    }

    List<ApiToken> ofMember(WorkspaceId workspaceId, MemberId memberId) {
        return jdbc.sql(COLUMNS + " where workspace_id = ? and member_id = ? order by created_at desc, id")
            .params(workspaceId.value(), memberId.value())
            .query(ApiTokens::token)
            .list();
    }

    List<ApiToken> ofWorkspace(WorkspaceId workspaceId) {
        return jdbc.sql(COLUMNS + " where workspace_id = ? order by created_at desc, id")
            .param(workspaceId.value())
            .query(ApiTokens::token)
            .list();
    }

    /**
     * The token with its stored hash and use counters, locked until the transaction ends.
     */
    Optional<Presented> lockForUse(ApiTokenId id) {
        return jdbc.sql("""
                select id, workspace_id, member_id, name, permissions, created_at, expires_at, revoked_at,
                       last_used_at, secret_hash, use_day, uses_that_day
                from api_token where id = ? for update""")
            .param(id.value())
            .query((rs, n) -> new Presented(token(rs, n), rs.getBytes("secret_hash"),
                    rs.getObject("use_day", LocalDate.class), rs.getInt("uses_that_day")))
            .optional();
    }

    void recordUse(ApiTokenId id, Instant at, LocalDate day, int usesThatDay) {
        jdbc.sql("update api_token set last_used_at = ?, use_day = ?, uses_that_day = ? where id = ?")
            .params(Timestamps.toDatabase(at), day, usesThatDay, id.value())
            .update();
    }

    boolean revoke(WorkspaceId workspaceId, ApiTokenId id, Instant at) {
        return jdbc.sql("update api_token set revoked_at = ? where workspace_id = ? and id = ? and revoked_at is null")
            .params(Timestamps.toDatabase(at), workspaceId.value(), id.value())
            .update() == 1;
    }

    /** Revokes the member's tokens that still work; returns their ids. */
    List<ApiTokenId> revokeAllOf(WorkspaceId workspaceId, MemberId memberId, Instant at) {
        List<ApiTokenId> live = jdbc.sql("""
                select id from api_token
                where workspace_id = ? and member_id = ? and revoked_at is null and expires_at > ?
                for update""")
            .params(workspaceId.value(), memberId.value(), Timestamps.toDatabase(at))
            .query((rs, n) -> new ApiTokenId(rs.getObject("id", UUID.class)))
            .list();
        live.forEach(id -> revoke(workspaceId, id, at));
        return live;
    }

    /** Revokes every live token of the workspace; returns their ids. */
    List<ApiTokenId> revokeAllOfWorkspace(WorkspaceId workspaceId, Instant at) {
        List<ApiTokenId> live = jdbc
            .sql("select id from api_token where workspace_id = ? and revoked_at is null and expires_at > ? "
                    + "for update")
            .params(workspaceId.value(), Timestamps.toDatabase(at))
            .query((rs, n) -> new ApiTokenId(rs.getObject("id", UUID.class)))
            .list();
        live.forEach(id -> revoke(workspaceId, id, at));
        return live;
    }

    void deleteWorkspace(WorkspaceId workspaceId) {
        jdbc.sql("delete from api_token where workspace_id = ?").param(workspaceId.value()).update();
    }

    /** A presented token's row: what is needed to check its secret and count its use. */
    record Presented(ApiToken token, byte[] secretHash, LocalDate useDay, int usesThatDay) {
    }

    private static String keys(Set<Permission> permissions) {
        return permissions.stream().map(Permission::key).sorted().collect(Collectors.joining(" "));
    }

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        Arrays.stream(rs.getString("permissions").split(" "))
            .filter(k -> !k.isEmpty())
            .forEach(key -> Permission.byKey(key).ifPresent(permissions::add));
        return new ApiToken(new ApiTokenId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new MemberId(rs.getObject("member_id", UUID.class)), rs.getString("name"), permissions,
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)),
                Timestamps.fromDatabase(rs.getObject("expires_at", OffsetDateTime.class)),
                Timestamps.fromDatabase(rs.getObject("revoked_at", OffsetDateTime.class)),
                Timestamps.fromDatabase(rs.getObject("last_used_at", OffsetDateTime.class)));
    }

}
