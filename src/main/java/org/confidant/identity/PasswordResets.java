package org.confidant.identity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.AccountId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.Tokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Password-reset links in SQL: only the token's digest is stored; redemption is one
 * conditional UPDATE.
 */
@Repository
class PasswordResets {

    /** A valid, unused link. */
    record Link(UUID id, AccountId accountId) {
    }

    private final JdbcClient jdbc;

    PasswordResets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Issues a link for the account, voiding its earlier unused ones (only the newest
     * email works).
     */
    void issue(AccountId accountId, String token, Instant now, Instant expiresAt) {
        OffsetDateTime at = Timestamps.toDatabase(now);
        jdbc.sql("update password_reset set expires_at = ? where account_id = ? and used_at is null and expires_at > ?")
            .params(at, accountId.value(), at)
            .update();
        jdbc.sql("""
                insert into password_reset (id, account_id, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?)
                """)
            .params(UUID.randomUUID(), accountId.value(), Tokens.digest(token), at, Timestamps.toDatabase(expiresAt))
            .update();
    }

    Optional<Link> find(String token, Instant now) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select id, account_id from password_reset where token_hash = ? and used_at is null and expires_at > ?
                """)
            .params(Tokens.digest(token), Timestamps.toDatabase(now))
            .query((rs, n) -> new Link(rs.getObject("id", UUID.class),
                    new AccountId(rs.getObject("account_id", UUID.class))))
            .optional();
    }

    /** Uses the link up; true for exactly one caller, however many race for it. */
    boolean consume(Link link, Instant now) {
        OffsetDateTime at = Timestamps.toDatabase(now);
        return jdbc.sql("update password_reset set used_at = ? where id = ? and used_at is null and expires_at > ?")
            .params(at, link.id(), at)
            .update() == 1;
    }

}
