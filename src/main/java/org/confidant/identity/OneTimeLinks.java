package org.confidant.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.Tokens;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use links (first-start setup, invitations). The token is returned once, when the
 * link is issued; the database keeps only its digest. Redemption is one conditional
 * UPDATE, so two concurrent redemptions of the same link cannot both succeed.
 */
@Repository
class OneTimeLinks {

    enum Purpose {

        SETUP, INVITATION

    }

    /** What a valid, unused link grants. */
    record Grant(UUID linkId, Purpose purpose, WorkspaceId workspaceId, Role role) {
    }

    private final JdbcClient jdbc;

    private final Clock clock;

    OneTimeLinks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A link just issued: its id (for records) and its token (for the person only). */
    record Issued(UUID id, String token) {
    }

    Issued issue(Purpose purpose, WorkspaceId workspaceId, Role role, MemberId createdBy, Duration lifetime) {
        String token = Tokens.newToken();
        UUID id = UUID.randomUUID();
        Instant now = Timestamps.now(clock);
        jdbc.sql(
                """
                        insert into one_time_link (id, purpose, token_hash, workspace_id, role, created_by, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
            .params(id, purpose.name(), Tokens.digest(token), workspaceId == null ? null : workspaceId.value(),
                    role == null ? null : role.name(), createdBy == null ? null : createdBy.value(),
                    Timestamps.toDatabase(now), Timestamps.toDatabase(now.plus(lifetime)))
            .update();
        return new Issued(id, token);
    }

    /**
     * The grant of a link that is valid now, without using it up (to show the form behind
     * the link).
     */
    Optional<Grant> peek(String token, Purpose purpose) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select id, purpose, workspace_id, role from one_time_link
                 where token_hash = ? and purpose = ? and used_at is null and revoked_at is null and expires_at > ?
                """)
            .params(Tokens.digest(token), purpose.name(), Timestamps.toDatabase(Timestamps.now(clock)))
            .query((rs, n) -> {
                UUID workspace = rs.getObject("workspace_id", UUID.class);
                String role = rs.getString("role");
                return new Grant(rs.getObject("id", UUID.class), Purpose.valueOf(rs.getString("purpose")),
                        workspace == null ? null : new WorkspaceId(workspace),
                        role == null ? null : Role.valueOf(role));
            })
            .optional();
    }

    /** Uses the link up; true for exactly one caller, however many race for it. */
    boolean consume(Grant grant) {
        OffsetDateTime now = Timestamps.toDatabase(Timestamps.now(clock));
        return jdbc.sql(
                "update one_time_link set used_at = ? where id = ? and used_at is null and revoked_at is null and expires_at > ?")
            .params(now, grant.linkId(), now)
            .update() == 1;
    }

    /**
     * Makes every unused link of this purpose unusable (a new setup link replaces the old
     * one).
     */
    void expireUnused(Purpose purpose) {
        OffsetDateTime now = Timestamps.toDatabase(Timestamps.now(clock));
        jdbc.sql("update one_time_link set expires_at = ? where purpose = ? and used_at is null and expires_at > ?")
            .params(now, purpose.name(), now)
            .update();
    }

    /** An invitation not yet used, revoked or expired. */
    record Pending(UUID id, Role role, @Nullable MemberId createdBy, Instant createdAt, Instant expiresAt) {
    }

    /** The workspace's invitations that still work, oldest first. */
    List<Pending> pendingInvitations(WorkspaceId workspaceId) {
        return jdbc.sql("""
                select id, role, created_by, created_at, expires_at from one_time_link
                 where workspace_id = ? and purpose = 'INVITATION' and used_at is null and revoked_at is null
                   and expires_at > ?
                 order by created_at, id
                """).params(workspaceId.value(), Timestamps.toDatabase(Timestamps.now(clock))).query((rs, n) -> {
            UUID createdBy = rs.getObject("created_by", UUID.class);
            return new Pending(rs.getObject("id", UUID.class), Role.valueOf(rs.getString("role")),
                    createdBy == null ? null : new MemberId(createdBy),
                    Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)),
                    Timestamps.fromDatabase(rs.getObject("expires_at", OffsetDateTime.class)));
        }).list();
    }

    /**
     * Revokes one of the workspace's invitations that still works; false if it has none
     * by that id (used, revoked, expired, another workspace's, or never issued).
     */
    boolean revokeInvitation(WorkspaceId workspaceId, UUID id) {
        OffsetDateTime now = Timestamps.toDatabase(Timestamps.now(clock));
        return jdbc.sql("""
                update one_time_link set revoked_at = ?
                 where workspace_id = ? and id = ? and purpose = 'INVITATION' and used_at is null
                   and revoked_at is null and expires_at > ?
                """).params(now, workspaceId.value(), id, now).update() == 1;
    }

    /** Whether the token is an invitation's that was revoked. */
    boolean isRevokedInvitation(String token) {
        if (!Tokens.looksLikeToken(token)) {
            return false;
        }
        return jdbc.sql("""
                select count(*) from one_time_link
                 where token_hash = ? and purpose = 'INVITATION' and revoked_at is not null
                """).param(Tokens.digest(token)).query(Long.class).single() > 0;
    }

}
