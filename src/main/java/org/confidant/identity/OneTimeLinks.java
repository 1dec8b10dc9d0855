package org.confidant.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.Tokens;
import org.confidant.shared.WorkspaceId;
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
                 where token_hash = ? and purpose = ? and used_at is null and expires_at > ?
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
        return jdbc.sql("update one_time_link set used_at = ? where id = ? and used_at is null and expires_at > ?")
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

}
