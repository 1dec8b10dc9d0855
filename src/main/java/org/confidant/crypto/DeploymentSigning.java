package org.confidant.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;

/**
 * The deployment's signing key: one Ed25519 key (Tink, plain signatures without Tink's
 * prefix) kept in the key vault, wrapped by the master key like the deployment's other
 * keyset, that signs what Confidant hands out and anyone must be able to check without
 * trusting its database: erasure receipts, the checkpoints the audit log keeps when
 * retention cuts its chain, later posture reports. Its public half is published (as a
 * JWK, RFC 8037, and as a PEM public key; {@code docs/operations.md} says where and how
 * to verify with {@code openssl}).
 *
 * <p>
 * A signed statement is a flattened JWS in JSON (RFC 7515 §7.2.2) with the algorithm
 * {@code EdDSA}: the signature covers {@code BASE64URL(header) "." BASE64URL(payload)},
 * exactly as any JOSE library checks it.
 */
@NamedInterface("api")
@Service
public class DeploymentSigning {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the key. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /**
     * A signed statement: the three base64url parts of a flattened JWS.
     *
     * @param protectedHeader {@code BASE64URL({"alg":"EdDSA","kid":...})}
     * @param payload {@code BASE64URL(the statement's UTF-8 bytes)}
     * @param signature
     * {@code BASE64URL(Ed25519 signature of protectedHeader "." payload)}
     */
    @NamedInterface("api")
    public record SignedStatement(String protectedHeader, String payload, String signature) {

        /** The statement that was signed, as text. */
        public String payloadText() {
            return new String(BASE64URL_DECODER.decode(payload), StandardCharsets.UTF_8);
        }

        /** The JWS compact serialisation ({@code header.payload.signature}). */
        public String compact() {
            return protectedHeader + "." + payload + "." + signature;
        }

        /**
         * Reads a compact serialisation; anything else is an IllegalArgumentException.
         */
        public static SignedStatement ofCompact(String compact) {
            String[] parts = compact == null ? new String[0] : compact.split("\\.", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a compact JWS");
            }
            return new SignedStatement(parts[0], parts[1], parts[2]);
        }

    }

    private final KeyVault vault;

    DeploymentSigning(KeyVault vault) {
        this.vault = vault;
    }

    /**
     * The key's id: its RFC 7638 JWK thumbprint (SHA-256, base64url), which names it in
     * every signed statement's header.
     */
    public String keyId() {
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + BASE64URL.encodeToString(publicKey())
                + "\"}";
        return BASE64URL.encodeToString(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** The raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return vault.signingKeys().publicKey().getPublicKeyBytes().toByteArray();
    }

    /** The public key as a JWK (RFC 8037): what {@code /.well-known} publishes. */
    public String publicJwk() {
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + BASE64URL.encodeToString(publicKey()) + "\",\"kid\":\""
                + keyId() + "\",\"alg\":\"EdDSA\",\"use\":\"sig\"}";
    }

    /** The public key as a PEM SubjectPublicKeyInfo, for {@code openssl}. */
    public String publicKeyPem() {
        byte[] key = publicKey();
        byte[] der = new byte[SPKI_PREFIX.length + key.length];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(key, 0, der, SPKI_PREFIX.length, key.length);
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Signs a statement (JSON text, by convention with a {@code type} member). */
    public SignedStatement sign(String statement) {
        String header = BASE64URL
            .encodeToString(("{\"alg\":\"EdDSA\",\"kid\":\"" + keyId() + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = BASE64URL.encodeToString(statement.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] signature = vault.signingKeys()
                .signer()
                .sign((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return new SignedStatement(header, payload, BASE64URL.encodeToString(signature));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** Whether the statement was signed by this deployment's key, unchanged. */
    public boolean verify(SignedStatement statement) {
        try {
            vault.signingKeys()
                .verifier()
                .verify(BASE64URL_DECODER.decode(statement.signature()),
                        (statement.protectedHeader() + "." + statement.payload()).getBytes(StandardCharsets.US_ASCII));
            return true;
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
