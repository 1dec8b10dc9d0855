package org.confidant.inbox;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.FieldEncryption;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Identity verification for visitors who are signed in on the business's site: the site
 * signs a short-lived identity token (a JWT) with a key registered here, and Confidant
 * believes the visitor is who it says only if the token's signature, algorithm, key id,
 * expiry and audience all check out.
 *
 * <p>
 * What is checked, in order: size and shape; the header's {@code alg} is HS256, RS256 or
 * ES256 ({@code none} and everything else refused) and is the one algorithm of the key
 * its {@code kid} names (so an RS256 public key can never be used as an HMAC secret); the
 * signature; {@code exp} present, not past, and at most 24 hours ahead; {@code nbf} and
 * {@code iat} not in the future; {@code aud} names this inbox; {@code sub} present. A
 * minute of clock skew is allowed either way. Nimbus JOSE+JWT does the cryptography.
 */
@NamedInterface("api")
@Service
public class VisitorIdentityTokens {

    /** How far ahead a token's expiry may be. */
    static final Duration MAX_LIFETIME = Duration.ofHours(24);

    private static final Duration SKEW = Duration.ofMinutes(1);

    private static final int MAX_TOKEN_LENGTH = 8192;

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.RS256,
            JWSAlgorithm.ES256);

    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final EncryptedColumn SECRET = new EncryptedColumn("inbox_identity_key", "secret");

    private static final String COLUMNS = "select id, workspace_id, inbox_id, kid, algorithm, created_at, retired_at "
            + "from inbox_identity_key";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    private final InboxManagement inboxes;

    private final FieldEncryption encryption;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    VisitorIdentityTokens(JdbcClient jdbc, InboxManagement inboxes, FieldEncryption encryption,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.inboxes = inboxes;
        this.encryption = encryption;
        this.events = events;
        this.clock = clock;
    }

    /** A new HS256 key and its secret, which is shown once. */
    public record NewSecret(IdentityKey key, String secret) {
    }

    @Transactional(readOnly = true)
    public List<IdentityKey> keys(Grants viewer, InboxId inboxId) {
        Inbox inbox = managed(viewer, inboxId);
        return jdbc.sql(COLUMNS + " where workspace_id = ? and inbox_id = ? order by created_at desc, id")
            .params(inbox.workspaceId().value(), inbox.id().value())
            .query((rs, n) -> key(rs))
            .list();
    }

    @Transactional(readOnly = true)
    public boolean isRequired(Inbox inbox) {
        return Tenancy.run(inbox.workspaceId(),
                () -> jdbc.sql("select identity_required from inbox where workspace_id = ? and id = ?")
                    .params(inbox.workspaceId().value(), inbox.id().value())
                    .query(Boolean.class)
                    .single());
    }

    /**
     * Adds an HS256 key: Confidant makes a 256-bit secret, stores it encrypted, and shows
     * it once.
     */
    @Transactional
    public NewSecret addSharedSecret(Grants actor, InboxId inboxId, String kid) {
        Inbox inbox = managed(actor, inboxId);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        IdentityKey key = insert(actor, inbox, kid, JWSAlgorithm.HS256, secret, null);
        return new NewSecret(key, secret);
    }

    /**
     * Adds an RS256 (RSA, 2048 bits or more) or ES256 (EC P-256) public key, given as PEM
     * ({@code PUBLIC KEY}).
     */
    @Transactional
    public IdentityKey addPublicKey(Grants actor, InboxId inboxId, String kid, String pem) {
        Inbox inbox = managed(actor, inboxId);
        PublicKey publicKey = parsePublicKey(pem);
        JWSAlgorithm algorithm = publicKey instanceof RSAPublicKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        String normalised = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----";
        return insert(actor, inbox, kid, algorithm, null, normalised);
    }

    /**
     * Retires a key: tokens naming it are refused from now on. Retiring twice changes
     * nothing.
     */
    @Transactional
    public void retire(Grants actor, InboxId inboxId, UUID keyId) {
        Inbox inbox = managed(actor, inboxId);
        IdentityKey key = jdbc.sql(COLUMNS + " where workspace_id = ? and inbox_id = ? and id = ?")
            .params(inbox.workspaceId().value(), inbox.id().value(), keyId)
            .query((rs, n) -> key(rs))
            .optional()
            .orElseThrow(() -> new NotFound("identity key"));
        if (key.retiredAt() == null) {
            jdbc.sql("update inbox_identity_key set retired_at = ? where id = ?")
                .params(Timestamps.toDatabase(Timestamps.now(clock)), key.id())
                .update();
            events.publishEvent(new IdentityKeyChanged(inbox.workspaceId(), inbox.id(), actor.memberId(),
                    IdentityKeyChanged.Change.KEY_RETIRED, Map.of("kid", key.kid())));
        }
    }

    /**
     * Whether the widget of this inbox opens only for visitors with a valid identity
     * token.
     */
    @Transactional
    public void setRequired(Grants actor, InboxId inboxId, boolean required) {
        Inbox inbox = managed(actor, inboxId);
        if (required && activeKeys(inbox) == 0) {
            throw new Rejected("no_identity_key", "Add a key first: without one, no visitor could open the widget.");
        }
        jdbc.sql("update inbox set identity_required = ? where workspace_id = ? and id = ?")
            .params(required, inbox.workspaceId().value(), inbox.id().value())
            .update();
        events.publishEvent(new IdentityKeyChanged(inbox.workspaceId(), inbox.id(), actor.memberId(),
                IdentityKeyChanged.Change.REQUIRED_CHANGED, Map.of("required", Boolean.toString(required))));
    }

    /**
     * Checks a visitor's identity token for the inbox.
     * @throws Rejected {@code identity_invalid}, saying which check failed, when the
     * token does not prove anything
     */
    @Transactional(readOnly = true)
    public VerifiedIdentity verify(Inbox inbox, String token) {
        return Tenancy.run(inbox.workspaceId(), () -> check(inbox, token));
    }

    private VerifiedIdentity check(Inbox inbox, String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("it is empty or longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        }
        catch (ParseException e) {
            throw invalid("it is not a signed JWT");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw invalid("its algorithm is not HS256, RS256 or ES256");
        }
        String kid = jwt.getHeader().getKeyID();
        StoredKey key = kid == null ? null : activeKey(inbox, kid).orElse(null);
        if (key == null) {
            throw invalid("its kid names no active key of this inbox");
        }
        if (!key.algorithm().equals(algorithm)) {
            throw invalid("its algorithm is not the one of the key it names");
        }
        try {
            if (!jwt.verify(verifier(inbox.workspaceId(), key))) {
                throw invalid("its signature does not match");
            }
        }
        catch (JOSEException e) {
            throw invalid("its signature cannot be checked");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        }
        catch (ParseException e) {
            throw invalid("its claims are not a JSON object");
        }
        return identity(inbox, claims);
    }

    private VerifiedIdentity identity(Inbox inbox, JWTClaimsSet claims) {
        Instant now = Timestamps.now(clock);
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw invalid("it has no exp");
        }
        Instant expires = expiry.toInstant();
        if (!expires.isAfter(now.minus(SKEW))) {
            throw invalid("it has expired");
        }
        if (expires.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            throw invalid("its exp is more than 24 hours ahead");
        }
        for (Date notInFuture : new Date[] { claims.getNotBeforeTime(), claims.getIssueTime() }) {
            if (notInFuture != null && notInFuture.toInstant().isAfter(now.plus(SKEW))) {
                throw invalid("its nbf or iat is in the future");
            }
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(inbox.id().toString())) {
            throw invalid("its aud is not this inbox's id");
        }
        String subject = claims.getSubject();
        Text.requireWellFormed(subject, "the identity token's sub claim");
        if (subject == null || subject.isBlank() || subject.length() > 255
                || subject.chars().anyMatch(Character::isISOControl)) {
            throw invalid("its sub is missing or not 1 to 255 printable characters");
        }
        String name;
        String email;
        try {
            name = claims.getStringClaim("name");
            email = claims.getStringClaim("email");
        }
        catch (ParseException e) {
            throw invalid("its name or email is not a string");
        }
        return new VerifiedIdentity(inbox.workspaceId(), inbox.id(), subject,
                Text.requireWellFormed(name, "the identity token's name claim"),
                Text.requireWellFormed(email, "the identity token's email claim"), expires);
    }

    private JWSVerifier verifier(WorkspaceId workspaceId, StoredKey key) throws JOSEException {
        if (key.algorithm().equals(JWSAlgorithm.HS256)) {
            String secret = encryption.decrypt(workspaceId, SECRET, key.id(), key.secret());
            return new MACVerifier(Base64.getUrlDecoder().decode(secret));
        }
        PublicKey publicKey = parsePublicKey(key.publicKey());
        return publicKey instanceof RSAPublicKey rsa ? new RSASSAVerifier(rsa)
                : new ECDSAVerifier((ECPublicKey) publicKey);
    }

    private IdentityKey insert(Grants actor, Inbox inbox, String kid, JWSAlgorithm algorithm, String secret,
            String publicKey) {
        if (kid == null || !KID.matcher(kid).matches()) {
            throw new Rejected("bad_kid", "A key id has 1 to 64 letters, digits, dots, dashes or underscores.");
        }
        if (jdbc.sql("select count(*) from inbox_identity_key where inbox_id = ? and kid = ?")
            .params(inbox.id().value(), kid)
            .query(Long.class)
            .single() > 0) {
            throw new Rejected("kid_taken", "This inbox already has a key with that id; choose another.");
        }
        UUID id = UUID.randomUUID();
        Instant now = Timestamps.now(clock);
        jdbc.sql("""
                insert into inbox_identity_key (id, workspace_id, inbox_id, kid, algorithm, secret, public_key,
                                                created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(id, inbox.workspaceId().value(), inbox.id().value(), kid, algorithm.getName(),
                    secret == null ? null : encryption.encrypt(inbox.workspaceId(), SECRET, id, secret), publicKey,
                    Timestamps.toDatabase(now))
            .update();
        events.publishEvent(new IdentityKeyChanged(inbox.workspaceId(), inbox.id(), actor.memberId(),
                IdentityKeyChanged.Change.KEY_ADDED, Map.of("kid", kid, "algorithm", algorithm.getName())));
        return new IdentityKey(id, inbox.workspaceId(), inbox.id(), kid, algorithm.getName(), now, null);
    }

    private static PublicKey parsePublicKey(String pem) {
        String body = pem == null ? ""
                : pem.replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        }
        catch (IllegalArgumentException e) {
            throw badPublicKey();
        }
        if (der.length == 0 || der.length > 3000) {
            throw badPublicKey();
        }
        try {
            RSAPublicKey rsa = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (rsa.getModulus().bitLength() < 2048) {
                throw new Rejected("weak_public_key", "An RSA key has at least 2048 bits.");
            }
            return rsa;
        }
        catch (GeneralSecurityException notRsa) {
            try {
                ECPublicKey ec = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
                if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                    throw new Rejected("weak_public_key", "An EC key is on the P-256 curve (ES256).");
                }
                return ec;
            }
            catch (GeneralSecurityException notEc) {
                throw badPublicKey();
            }
        }
    }

    private static Rejected badPublicKey() {
        return new Rejected("bad_public_key",
                "Paste a PEM public key (-----BEGIN PUBLIC KEY-----): RSA of 2048 bits or more, or EC P-256.");
    }

    private static Rejected invalid(String why) {
        return new Rejected("identity_invalid", "The identity token is not valid: " + why + ".");
    }

    private Inbox managed(Grants actor, InboxId inboxId) {
        Inbox inbox = inboxes.find(actor.workspaceId(), inboxId).orElseThrow(() -> new NotFound("inbox"));
        actor.require(Permission.INBOXES_MANAGE);
        return inbox;
    }

    private long activeKeys(Inbox inbox) {
        return jdbc.sql("select count(*) from inbox_identity_key where inbox_id = ? and retired_at is null")
            .param(inbox.id().value())
            .query(Long.class)
            .single();
    }

    private Optional<StoredKey> activeKey(Inbox inbox, String kid) {
        return jdbc.sql("""
                select id, algorithm, secret, public_key from inbox_identity_key
                where workspace_id = ? and inbox_id = ? and kid = ? and retired_at is null""")
            .params(inbox.workspaceId().value(), inbox.id().value(), kid)
            .query((rs, n) -> new StoredKey(rs.getObject("id", UUID.class),
                    JWSAlgorithm.parse(rs.getString("algorithm")), rs.getBytes("secret"), rs.getString("public_key")))
            .optional();
    }

    private record StoredKey(UUID id, JWSAlgorithm algorithm, byte[] secret, String publicKey) {
    }

    private static IdentityKey key(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new IdentityKey(rs.getObject("id", UUID.class),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new InboxId(rs.getObject("inbox_id", UUID.class)), rs.getString("kid"), rs.getString("algorithm"),
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)),
                Timestamps.fromDatabase(rs.getObject("retired_at", OffsetDateTime.class)));
    }

}
