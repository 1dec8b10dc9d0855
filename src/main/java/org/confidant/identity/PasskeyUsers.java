package org.confidant.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Accounts' WebAuthn user handles, in SQL, as Spring Security's relying-party operations look them up. The
 * "username" those operations pass is the account id (see {@link PasskeyManagement}); the user entity they get back
 * carries the account's random user handle, its email as name and its display name.
 */
@Repository
class PasskeyUsers implements PublicKeyCredentialUserEntityRepository {

    private final JdbcClient jdbc;

    PasskeyUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's user handle, made (32 random bytes) the first time the account needs one. */
    Bytes userHandle(AccountId accountId, Instant now) {
        Optional<Bytes> existing = handleOf(accountId);
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.sql("""
                insert into passkey_user (account_id, user_handle, created_at)
                select ?, ?, ? where not exists (select 1 from passkey_user where account_id = ?)
                """).params(accountId.value(), Bytes.random().getBytes(), Timestamps.toDatabase(now),
                accountId.value()).update();
        return handleOf(accountId).orElseThrow();
    }

    private Optional<Bytes> handleOf(AccountId accountId) {
        return jdbc.sql("select user_handle from passkey_user where account_id = ?").param(accountId.value())
                .query((rs, n) -> new Bytes(rs.getBytes(1))).optional();
    }

    /** The account a user handle belongs to. */
    Optional<AccountId> accountOfHandle(Bytes userHandle) {
        return jdbc.sql("select account_id from passkey_user where user_handle = ?").param(userHandle.getBytes())
                .query((rs, n) -> new AccountId(rs.getObject(1, UUID.class))).optional();
    }

    /** Looks the user entity up by account id (the "username" of {@link PasskeyManagement}'s requests). */
    @Override
    public @Nullable PublicKeyCredentialUserEntity findByUsername(String username) {
        UUID accountId;
        try {
            accountId = UUID.fromString(username);
        } catch (IllegalArgumentException notAnAccountId) {
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

    /** User handles are made by {@link #userHandle}: the library's fallback of making one itself is not used. */
    @Override
    public void save(PublicKeyCredentialUserEntity userEntity) {
        throw new UnsupportedOperationException("user handles are made by PasskeyCredentials.userHandle");
    }

    @Override
    public void delete(Bytes id) {
        throw new UnsupportedOperationException("user handles stay with their account");
    }

    private static PublicKeyCredentialUserEntity userEntity(ResultSet rs) throws SQLException {
        return ImmutablePublicKeyCredentialUserEntity.builder().id(new Bytes(rs.getBytes("user_handle")))
                .name(rs.getString("email")).displayName(rs.getString("display_name")).build();
    }
}
