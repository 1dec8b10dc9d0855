package org.confidant.signin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1,
 * 30-second steps, 6 digits, a 160-bit secret shown as base32 text and as an
 * {@code otpauth://} URI.
 */
final class TotpCodes {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;

    private static final int SECRET_BYTES = 20;

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TimeBasedOneTimePasswordGenerator generator;

    TotpCodes(Duration step, int digits, String algorithm) {
        this.generator = new TimeBasedOneTimePasswordGenerator(step, digits, algorithm);
    }

    TotpCodes() {
        this(STEP, DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    }

    static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The RFC 6238 time step an instant falls in. */
    long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), generator.getTimeStep().toSeconds());
    }

    /** The code of a time step, zero-padded to the configured number of digits. */
    String codeAt(byte[] secret, long step) {
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, "RAW"),
                    Instant.ofEpochSecond(step * generator.getTimeStep().toSeconds()), Locale.ROOT);
        }
        catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC key of " + secret.length + " bytes was refused", e);
        }
    }

    /**
     * Whether the text has the shape of a code (so that anything else is refused before
     * any look-up).
     */
    static boolean looksLikeCode(String text) {
        return text != null && text.length() == DIGITS && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** RFC 4648 base32 without padding: what people type into an authenticator app. */
    static String base32(byte[] bytes) {
        StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return text.toString();
    }

    /**
     * The key URI authenticator apps read from the QR code (Google Authenticator's key
     * URI format).
     */
    static String otpauthUri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
