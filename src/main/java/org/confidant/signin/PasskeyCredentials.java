package org.confidant.signin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.confidant.shared.AccountId;
import org.confidant.shared.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Repository;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;

/**
 * Accounts' passkeys, in SQL, as Spring Security's relying-party operations read and
 * write them (the accounts' user handles are {@link PasskeyUsers}).
 *
 * <p>
 * Spring Security 7.1's operations take a stored credential's public key, signature
 * counter and flags from an attestation object, and compare the counter of an assertion
 * with that object's; its JDBC repository keeps the attestation object of the
 * registration, so the counter an assertion is compared with never moves on from the
 * registration's. Here the columns are the record, and {@link #findByCredentialId}
 * presents them to the library as a "none" attestation object carrying the counter of the
 * last accepted assertion: webauthn4j's own counter check then refuses an assertion whose
 * counter does not exceed it (a cloned authenticator). Updates are conditional on the
 * counter moving forward too, so two assertions racing through with different challenges
 * cannot move it back.
 */
@Repository
class PasskeyCredentials implements UserCredentialRepository {

    /** The transports WebAuthn defines; anything else a client reports is not kept. */
    private static final Set<String> TRANSPORTS = Arrays.stream(AuthenticatorTransport.values())
        .map(AuthenticatorTransport::getValue)
        .collect(Collectors.toUnmodifiableSet());

    private static final String COLUMNS = """
            select p.id, p.credential_id, p.public_key, p.signature_count, p.transports, p.backup_eligible,
                   p.backup_state, p.uv_initialized, p.label, p.created_at, p.last_used_at, u.user_handle
              from passkey p join passkey_user u on u.account_id = p.account_id
            """;

    /** A passkey as its account's page lists it. */
    record Listed(UUID id, String label, Instant createdAt, Instant lastUsedAt) {
    }

    private final JdbcClient jdbc;

    private final PasskeyUsers users;

    private final ObjectConverter converter = new ObjectConverter();

    PasskeyCredentials(JdbcClient jdbc, PasskeyUsers users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    @Override
    public @Nullable CredentialRecord findByCredentialId(Bytes credentialId) {
        return jdbc.sql(COLUMNS + " where p.credential_id = ?")
            .param(credentialId.getBytes())
            .query((rs, n) -> record(rs))
            .optional()
            .orElse(null);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return jdbc.sql(COLUMNS + " where u.user_handle = ? order by p.created_at, p.id")
            .param(userId.getBytes())
            .query((rs, n) -> record(rs))
            .list();
    }

    /**
     * A new credential (registration) is inserted for the account its user handle names;
     * a known one (an accepted assertion) gets its counter and last use, only if the
     * counter moved forward (or the authenticator keeps none).
     */
    @Override
    public void save(CredentialRecord record) {
        if (exists(record.getCredentialId())) {
            int updated = jdbc.sql("""
                    update passkey set signature_count = ?, backup_state = ?, last_used_at = ?
                     where credential_id = ? and (signature_count < ? or ? = 0)
                    """)
                .params(record.getSignatureCount(), record.isBackupState(), Timestamps.toDatabase(record.getLastUsed()),
                        record.getCredentialId().getBytes(), record.getSignatureCount(), record.getSignatureCount())
                .update();
            if (updated != 1) {
                throw new IllegalStateException("the passkey is gone, or its signature counter did not move forward");
            }
            return;
        }
        AccountId accountId = users.accountOfHandle(record.getUserEntityUserId())
            .orElseThrow(() -> new IllegalStateException("no account has this user handle"));
        jdbc.sql("""
                insert into passkey (id, credential_id, account_id, public_key, signature_count, transports,
                                     backup_eligible, backup_state, uv_initialized, attestation_format, label,
                                     created_at, last_used_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)
                """)
            .params(UUID.randomUUID(), record.getCredentialId().getBytes(), accountId.value(),
                    record.getPublicKey().getBytes(), record.getSignatureCount(), transports(record.getTransports()),
                    record.isBackupEligible(), record.isBackupState(), record.isUvInitialized(),
                    attestationFormatOf(record), record.getLabel(), Timestamps.toDatabase(record.getCreated()))
            .update();
    }

    @Override
    public void delete(Bytes credentialId) {
        jdbc.sql("delete from passkey where credential_id = ?").param(credentialId.getBytes()).update();
    }

    private boolean exists(Bytes credentialId) {
        return jdbc.sql("select count(*) from passkey where credential_id = ?")
            .param(credentialId.getBytes())
            .query(Long.class)
            .single() > 0;
    }

    /** The account a credential id belongs to, if any. */
    Optional<AccountId> accountOfCredential(Bytes credentialId) {
        return jdbc.sql("select account_id from passkey where credential_id = ?")
            .param(credentialId.getBytes())
            .query((rs, n) -> new AccountId(rs.getObject(1, UUID.class)))
            .optional();
    }

    /** The account's passkeys, oldest first. */
    List<Listed> list(AccountId accountId) {
        return jdbc.sql("""
                select id, label, created_at, last_used_at from passkey where account_id = ? order by created_at, id
                """)
            .param(accountId.value())
            .query((rs, n) -> new Listed(rs.getObject("id", UUID.class), rs.getString("label"),
                    instant(rs, "created_at"), instant(rs, "last_used_at")))
            .list();
    }

    boolean any(AccountId accountId) {
        return jdbc.sql("select count(*) from passkey where account_id = ?")
            .param(accountId.value())
            .query(Long.class)
            .single() > 0;
    }

    /**
     * Removes one of the account's passkeys; false if the account has no such passkey.
     */
    boolean remove(AccountId accountId, UUID passkeyId) {
        return jdbc.sql("delete from passkey where account_id = ? and id = ?")
            .params(accountId.value(), passkeyId)
            .update() == 1;
    }

    /**
     * The stored passkey as Spring Security's record: its attestation object is made from
     * the columns ("none" format, the counter of the last accepted assertion, the flags
     * kept at registration), see the class comment.
     */
    private CredentialRecord record(ResultSet rs) throws SQLException {
        byte[] credentialId = rs.getBytes("credential_id");
        byte[] publicKey = rs.getBytes("public_key");
        long counter = rs.getLong("signature_count");
        boolean uvInitialized = rs.getBoolean("uv_initialized");
        boolean backupEligible = rs.getBoolean("backup_eligible");
        boolean backupState = rs.getBoolean("backup_state");
        byte flags = (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_AT
                | (uvInitialized ? AuthenticatorData.BIT_UV : 0) | (backupEligible ? AuthenticatorData.BIT_BE : 0)
                | (backupState ? AuthenticatorData.BIT_BS : 0));
        COSEKey coseKey = converter.getCborConverter().readValue(publicKey, COSEKey.class);
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData = new AuthenticatorData<>(
                new byte[32], flags, counter, new AttestedCredentialData(AAGUID.ZERO, credentialId, coseKey));
        byte[] attestationObject = new AttestationObjectConverter(converter)
            .convertToBytes(new AttestationObject(authenticatorData, new NoneAttestationStatement()));
        Instant created = instant(rs, "created_at");
        Instant lastUsed = instant(rs, "last_used_at");
        return ImmutableCredentialRecord.builder()
            .credentialType(PublicKeyCredentialType.PUBLIC_KEY)
            .credentialId(new Bytes(credentialId))
            .userEntityUserId(new Bytes(rs.getBytes("user_handle")))
            .publicKey(new ImmutablePublicKeyCose(publicKey))
            .signatureCount(counter)
            .uvInitialized(uvInitialized)
            .transports(transportsOf(rs.getString("transports")))
            .backupEligible(backupEligible)
            .backupState(backupState)
            .attestationObject(new Bytes(attestationObject))
            .created(created)
            .lastUsed(lastUsed == null ? created : lastUsed)
            .label(rs.getString("label"))
            .build();
    }

    /**
     * The attestation format of a new credential's attestation object, whose attested
     * credential must be the one the response names (webauthn4j verifies the attestation
     * object; Spring Security keeps the response's raw id).
     */
    private String attestationFormatOf(CredentialRecord record) {
        Bytes attestationObject = record.getAttestationObject();
        AttestationObject parsed = attestationObject == null ? null
                : new AttestationObjectConverter(converter).convert(attestationObject.getBytes());
        AttestedCredentialData attested = parsed == null ? null
                : parsed.getAuthenticatorData().getAttestedCredentialData();
        if (attested == null || !Arrays.equals(attested.getCredentialId(), record.getCredentialId().getBytes())) {
            throw new IllegalStateException("the response's credential id is not the attested credential's");
        }
        String format = parsed.getFormat();
        return format.length() <= 40 ? format : format.substring(0, 40);
    }

    private static String transports(Set<AuthenticatorTransport> transports) {
        String known = transports == null ? ""
                : transports.stream()
                    .map(AuthenticatorTransport::getValue)
                    .filter(TRANSPORTS::contains)
                    .sorted()
                    .collect(Collectors.joining(","));
        return known.length() <= 200 ? known : "";
    }

    private static Set<AuthenticatorTransport> transportsOf(String stored) {
        Set<AuthenticatorTransport> transports = new LinkedHashSet<>();
        for (String value : stored.split(",")) {
            if (!value.isEmpty()) {
                transports.add(AuthenticatorTransport.valueOf(value));
            }
        }
        return transports;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDatabase(rs.getObject(column, OffsetDateTime.class));
    }

}
