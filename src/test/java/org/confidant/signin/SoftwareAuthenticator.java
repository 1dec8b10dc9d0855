package org.confidant.signin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A passkey authenticator in software, for tests that attack the server over HTTP: it
 * holds an EC P-256 key pair, a credential id and a signature counter, and answers the
 * options the server hands out as a browser would pass on an authenticator's answer (the
 * JSON {@code static/js/passkeys.js} sends). webauthn4j's model and converters make the
 * bytes (client data, authenticator data, a "none" attestation object); this class signs
 * them. Every field of an assertion can be bent before or after signing, which is what
 * the attacks need.
 */
public final class SoftwareAuthenticator {

    public static final byte UP = AuthenticatorData.BIT_UP;

    public static final byte UV = AuthenticatorData.BIT_UV;

    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;

    private final byte[] credentialId;

    private long counter;

    private byte[] userHandle;

    private SoftwareAuthenticator(KeyPair keys, byte[] credentialId, long counter, byte[] userHandle) {
        this.keys = keys;
        this.credentialId = credentialId;
        this.counter = counter;
        this.userHandle = userHandle;
    }

    /** A new authenticator whose counter starts at {@code counter} (0: it keeps none). */
    public static SoftwareAuthenticator withCounter(long counter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] id = new byte[32];
            RANDOM.nextBytes(id);
            return new SoftwareAuthenticator(generator.generateKeyPair(), id, counter, null);
        }
        catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A copy of this authenticator as it is now: same key, same credential, same counter
     * from here on apart.
     */
    public SoftwareAuthenticator cloned() {
        return new SoftwareAuthenticator(keys, credentialId.clone(), counter, userHandle);
    }

    /**
     * The same user handle and counter with another key and credential id (a passkey
     * nobody registered).
     */
    public SoftwareAuthenticator unregistered() {
        SoftwareAuthenticator other = withCounter(counter);
        other.userHandle = userHandle;
        return other;
    }

    public String credentialIdBase64url() {
        return base64url(credentialId);
    }

    public byte[] publicKeyEncoded() {
        return keys.getPublic().getEncoded();
    }

    public long counter() {
        return counter;
    }

    /**
     * The JSON body that registers this authenticator's credential for the creation
     * options the server answered: {@code {"label", "credential"}}, signed for
     * {@code origin}, with user presence and verification.
     */
    public String register(String creationOptions, String origin, String label) {
        JsonNode options = JSON.readTree(creationOptions);
        userHandle = Base64.getUrlDecoder().decode(options.get("user").get("id").asString());
        String rpId = options.get("rp").get("id").asString();
        byte[] clientData = clientData(ClientDataType.WEBAUTHN_CREATE, options.get("challenge").asString(), origin);
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData = new AuthenticatorData<>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (UP | UV | AuthenticatorData.BIT_AT), counter,
                new AttestedCredentialData(AAGUID.ZERO, credentialId,
                        EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256)));
        byte[] attestationObject = new AttestationObjectConverter(CONVERTER)
            .convertToBytes(new AttestationObject(authenticatorData, new NoneAttestationStatement()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("attestationObject", base64url(attestationObject));
        response.put("clientDataJSON", base64url(clientData));
        response.put("transports", List.of("internal"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("label", label);
        body.put("credential", credential(response));
        return JSON.writeValueAsString(body);
    }

    /**
     * An assertion for the request options the server answered, right in every respect
     * until bent.
     */
    public Assertion assertion(String requestOptions, String origin) {
        JsonNode options = JSON.readTree(requestOptions);
        return new Assertion(options.get("challenge").asString(), origin, options.get("rpId").asString());
    }

    /**
     * One assertion being made: change what it says before signing, or what it carries
     * after.
     */
    public final class Assertion {

        private String challenge;

        private String origin;

        private String rpId;

        private ClientDataType type = ClientDataType.WEBAUTHN_GET;

        private byte flags = (byte) (UP | UV);

        private Long counterOverride;

        private byte[] handle = userHandle;

        private UnaryOperator<byte[]> afterSigningAuthenticatorData = UnaryOperator.identity();

        private UnaryOperator<byte[]> afterSigningSignature = UnaryOperator.identity();

        private Assertion(String challenge, String origin, String rpId) {
            this.challenge = challenge;
            this.origin = origin;
            this.rpId = rpId;
        }

        public Assertion origin(String value) {
            origin = value;
            return this;
        }

        /** The relying party id whose hash the authenticator data carries. */
        public Assertion rpId(String value) {
            rpId = value;
            return this;
        }

        public Assertion type(ClientDataType value) {
            type = value;
            return this;
        }

        public Assertion flags(byte value) {
            flags = value;
            return this;
        }

        /** Signs with this counter instead of the authenticator's next one. */
        public Assertion counter(long value) {
            counterOverride = value;
            return this;
        }

        /** The user handle the response names (null: none). */
        public Assertion userHandle(byte[] value) {
            handle = value;
            return this;
        }

        public Assertion tamperAuthenticatorData(UnaryOperator<byte[]> change) {
            afterSigningAuthenticatorData = change;
            return this;
        }

        public Assertion tamperSignature(UnaryOperator<byte[]> change) {
            afterSigningSignature = change;
            return this;
        }

        /**
         * Signs (moving the authenticator's counter on, unless one was given) and writes
         * the browser's JSON.
         */
        public String json() {
            long signCount = counterOverride != null ? counterOverride : counter == 0 ? 0 : ++counter;
            byte[] clientData = clientData(type, challenge, origin);
            byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER)
                .convert(new AuthenticatorData<AuthenticationExtensionAuthenticatorOutput>(
                        sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags, signCount));
            byte[] signature = sign(concat(authenticatorData, sha256(clientData)));
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("authenticatorData", base64url(afterSigningAuthenticatorData.apply(authenticatorData)));
            response.put("clientDataJSON", base64url(clientData));
            response.put("signature", base64url(afterSigningSignature.apply(signature)));
            response.put("userHandle", handle == null ? null : base64url(handle));
            return JSON.writeValueAsString(credential(response));
        }

    }

    private Map<String, Object> credential(Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", base64url(credentialId));
        credential.put("rawId", base64url(credentialId));
        credential.put("type", "public-key");
        credential.put("response", response);
        credential.put("clientExtensionResults", Map.of());
        credential.put("authenticatorAttachment", "platform");
        return credential;
    }

    private static byte[] clientData(ClientDataType type, String challenge, String origin) {
        return new CollectedClientDataConverter(CONVERTER).convertToBytes(
                new CollectedClientData(type, new DefaultChallenge(challenge), new Origin(origin), false, null));
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        }
        catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A copy of {@code bytes} with the lowest bit of the byte at {@code index} flipped.
     */
    public static byte[] flipped(byte[] bytes, int index) {
        return flipped(bytes, index, 0x01);
    }

    /**
     * A copy of {@code bytes} with the bits of {@code mask} flipped in the byte at
     * {@code index}.
     */
    public static byte[] flipped(byte[] bytes, int index, int mask) {
        byte[] copy = bytes.clone();
        copy[index] ^= (byte) mask;
        return copy;
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

}
