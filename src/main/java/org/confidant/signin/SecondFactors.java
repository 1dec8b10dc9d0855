package org.confidant.signin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.confidant.shared.AccountId;
import org.confidant.shared.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Accounts' TOTP secrets (as ciphertexts under the deployment key) and recovery codes (as
 * digests), in SQL. Every consumption is one conditional UPDATE: of concurrent uses of
 * one code, exactly one changes a row.
 */
@Repository
class SecondFactors {

    /** A stored TOTP factor; {@code confirmed} once its first code was accepted. */
    record StoredTotp(byte[] secretCiphertext, long lastStep, boolean confirmed) {
    }

    private final JdbcClient jdbc;

    SecondFactors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredTotp> totp(AccountId accountId) {
        return jdbc.sql("select secret, last_step, confirmed_at from totp_factor where account_id = ?")
            .param(accountId.value())
            .query((rs, n) -> new StoredTotp(rs.getBytes("secret"), rs.getLong("last_step"),
                    rs.getObject("confirmed_at") != null))
            .optional();
    }

    /**
     * Stores a new unconfirmed secret, replacing an unconfirmed one; false if the account
     * has a confirmed factor.
     */
    boolean storeUnconfirmed(AccountId accountId, byte[] secretCiphertext, Instant now) {
        jdbc.sql("delete from totp_factor where account_id = ? and confirmed_at is null")
            .param(accountId.value())
            .update();
        if (totp(accountId).isPresent()) {
            return false;
        }
        jdbc.sql("insert into totp_factor (account_id, secret, last_step, created_at) values (?, ?, -1, ?)")
            .params(accountId.value(), secretCiphertext, Timestamps.toDatabase(now))
            .update();
        return true;
    }

    /**
     * Accepts the code of {@code step} if no code of that step or a later one was
     * accepted before, confirming an unconfirmed factor on the way (or only an
     * unconfirmed one, with {@code enrolling}). Atomic.
     */
    boolean acceptStep(AccountId accountId, long step, boolean enrolling, Instant now) {
        return jdbc.sql("""
                update totp_factor set last_step = ?, confirmed_at = coalesce(confirmed_at, ?)
                 where account_id = ? and last_step < ? and (confirmed_at is null) = ?
                """).params(step, Timestamps.toDatabase(now), accountId.value(), step, enrolling).update() == 1;
    }

    boolean removeTotp(AccountId accountId) {
        jdbc.sql("delete from recovery_code where account_id = ?").param(accountId.value()).update();
        return jdbc.sql("delete from totp_factor where account_id = ? and confirmed_at is not null")
            .param(accountId.value())
            .update() == 1;
    }

    void replaceRecoveryCodes(AccountId accountId, List<String> digests, Instant now) {
        jdbc.sql("delete from recovery_code where account_id = ?").param(accountId.value()).update();
        for (String digest : digests) {
            jdbc.sql("insert into recovery_code (account_id, code_hash, created_at) values (?, ?, ?)")
                .params(accountId.value(), digest, Timestamps.toDatabase(now))
                .update();
        }
    }

    /** Uses the recovery code if it is the account's and unused. Atomic. */
    boolean consumeRecoveryCode(AccountId accountId, String digest, Instant now) {
        return jdbc.sql("""
                update recovery_code set used_at = ? where account_id = ? and code_hash = ? and used_at is null
                """).params(Timestamps.toDatabase(now), accountId.value(), digest).update() == 1;
    }

    int unusedRecoveryCodes(AccountId accountId) {
        return jdbc.sql("select count(*) from recovery_code where account_id = ? and used_at is null")
            .param(accountId.value())
            .query(Integer.class)
            .single();
    }

}
