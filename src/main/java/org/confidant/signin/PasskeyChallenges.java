package org.confidant.signin;

import java.time.Instant;

import org.confidant.shared.Timestamps;
import org.confidant.shared.Tokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.stereotype.Repository;

/**
 * The single-use store of WebAuthn challenges: each challenge handed out with options is
 * recorded (as its SHA-256) until it expires, and a submission may go on to verification
 * only after consuming it in one conditional DELETE. Of concurrent submissions of one
 * signed challenge exactly one consumes it; a replay finds nothing.
 */
@Repository
class PasskeyChallenges {

    private final JdbcClient jdbc;

    PasskeyChallenges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a fresh challenge, forgetting the expired ones on the way. */
    void issue(Bytes challenge, Instant now, Instant expiresAt) {
        jdbc.sql("delete from passkey_challenge where expires_at <= ?").param(Timestamps.toDatabase(now)).update();
        jdbc.sql("insert into passkey_challenge (challenge_hash, expires_at) values (?, ?)")
            .params(digest(challenge), Timestamps.toDatabase(expiresAt))
            .update();
    }

    /**
     * Uses the challenge up if it was issued and has not expired or been used. Atomic.
     */
    boolean consume(Bytes challenge, Instant now) {
        return jdbc.sql("delete from passkey_challenge where challenge_hash = ? and expires_at > ?")
            .params(digest(challenge), Timestamps.toDatabase(now))
            .update() == 1;
    }

    private static String digest(Bytes challenge) {
        return Tokens.digest(challenge.toBase64UrlString());
    }

}
