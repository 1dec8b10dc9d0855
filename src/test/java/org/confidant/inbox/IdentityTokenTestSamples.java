package org.confidant.inbox;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Identity tokens as a business's server would sign them (and as attackers would forge
 * them), for tests.
 */
public final class IdentityTokenTestSamples {

    private IdentityTokenTestSamples() {
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Standard claims for the inbox: sub, a name and email, expiring in an hour;
     * {@code adjust} changes them.
     */
    public static JWTClaimsSet.Builder claims(String inboxId, String subject) {
        return new JWTClaimsSet.Builder().subject(subject)
            .audience(inboxId)
            .claim("name", "Grace Hopper")
            .claim("email", "grace@example.com")
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(3600)));
    }

    public static String hs256(String secret, String kid, JWTClaimsSet claims) {
        return sign(mac(Base64.getUrlDecoder().decode(secret)), JWSAlgorithm.HS256, kid, claims);
    }

    /**
     * An HMAC signer keyed with any bytes of 32 or more (an attacker's choice of key
     * included).
     */
    public static MACSigner mac(byte[] key) {
        try {
            return new MACSigner(key);
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(KeyPair pair, String kid, JWTClaimsSet claims) {
        return sign(new RSASSASigner(pair.getPrivate()), JWSAlgorithm.RS256, kid, claims);
    }

    public static String es256(KeyPair pair, String kid, JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner((java.security.interfaces.ECPrivateKey) pair.getPrivate()), JWSAlgorithm.ES256,
                    kid, claims);
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWSSigner signer, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims) {
        return sign(signer, new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
    }

    public static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims builder after {@code change}, for one-line variations. */
    public static JWTClaimsSet with(JWTClaimsSet.Builder builder, Consumer<JWTClaimsSet.Builder> change) {
        change.accept(builder);
        return builder.build();
    }

}
