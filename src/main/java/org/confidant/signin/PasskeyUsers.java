package org.confidant.signin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.AccountId;
import org.confidant.shared.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Repository;

/**
 * Accounts' WebAuthn user handles, in SQL, as Spring Security's relying-party operations
 * look them up. The "username" those operations pass is the account id (see
 * {@link PasskeyManagement}); the user entity they get back carries the account's random
 * user handle, its email as name and its display name.
 */
@Repository
class PasskeyUsers implements PublicKeyCredentialUserEntityRepository {

    private final JdbcClient jdbc;

    private final Clock clock;

    PasskeyUsers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The account's user handle, made (32 random bytes) the first time the account needs
     * one.
     */
    Bytes userHandle(AccountId accountId, Instant now) {
        Optional<Bytes> existing = handleOf(accountId);
        if (existing.isPresent()) {
            return existing.get();
        }
        keepFirst(accountId, Bytes.random(), now);
        return handleOf(accountId).orElseThrow();
    }

    /**
     * Stores {@code handle} as the account's, unless the account has one already (it
     * keeps its first, always).
     */
    private void keepFirst(AccountId accountId, Bytes handle, Instant now) {
        jdbc.sql("""
                insert into passkey_user (account_id, user_handle, created_at)
                select ?, ?, ? where not exists (select 1 from passkey_user where account_id = ?)
                """)
            .params(accountId.value(), handle.getBytes(), Timestamps.toDatabase(now), accountId.value())
            .update();
    }

    private Optional<Bytes> handleOf(AccountId accountId) {
        return jdbc.sql("select user_handle from passkey_user where account_id = ?")
            .param(accountId.value())
            .query((rs, n) -> new Bytes(rs.getBytes(1)))
            .optional();
    }

    /** The account a user handle belongs to. */
    Optional<AccountId> accountOfHandle(Bytes userHandle) {
        return jdbc.sql("select account_id from passkey_user where user_handle = ?")
            .param(userHandle.getBytes())
            .query((rs, n) -> new AccountId(rs.getObject(1, UUID.class)))
            .optional();
    }

    /**
     * Looks the user entity up by account id (the "username" of
     * {@link PasskeyManagement}'s requests).
     */
    @Override
    public @Nullable PublicKeyCredentialUserEntity findByUsername(String username) {
        UUID accountId;
        try {
            accountId = UUID.fromString(username);
        }
        catch (IllegalArgumentException notAnAccountId) {
            return null;
        }
        return jdbc.sql("""
                select u.user_handle, a.email, a.display_name
                  from passkey_user u join account a on a.id = u.account_id where u.account_id = ?
                """).param(accountId).query((rs, n) -> userEntity(rs)).optional().orElse(null);
    }

    @Override
    public @Nullable PublicKeyCredentialUserEntity findById(Bytes id) {
        return jdbc.sql("""
                select u.user_handle, a.email, a.display_name
                  from passkey_user u join account a on a.id = u.account_id where u.user_handle = ?
                """).param(id.getBytes()).query((rs, n) -> userEntity(rs)).optional().orElse(null);
    }

    /**
     * Keeps a user entity the library made for an account that had none (its name is the
     * account id, the "username" {@link PasskeyManagement} passes).
     * {@link PasskeyManagement} makes the handle itself before asking for options, so the
     * library finds one; if it ever makes one, an account still keeps its first handle.
     * @throws IllegalArgumentException for a name that is not an account id
     */
    @Override
    public void save(PublicKeyCredentialUserEntity userEntity) {
        keepFirst(new AccountId(UUID.fromString(userEntity.getName())), userEntity.getId(), Timestamps.now(clock));
    }

    /**
     * Forgets a user handle, but only while its account has no passkey: an
     * authenticator's credentials name their account by this handle, and a passwordless
     * sign-in finds the account through it.
     */
    @Override
    public void delete(Bytes id) {
        jdbc.sql("""
                delete from passkey_user where user_handle = ?
                   and not exists (select 1 from passkey p where p.account_id = passkey_user.account_id)
                """).param(id.getBytes()).update();
    }

    private static PublicKeyCredentialUserEntity userEntity(ResultSet rs) throws SQLException {
        return ImmutablePublicKeyCredentialUserEntity.builder()
            .id(new Bytes(rs.getBytes("user_handle")))
            .name(rs.getString("email"))
            .displayName(rs.getString("display_name"))
            .build();
    }

}
