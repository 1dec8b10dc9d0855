package org.confidant.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a webhook receiver does with a Confidant alert (as {@code docs/operations.md}
 * describes it, written apart from the product's code): recompute HMAC-SHA256 over
 * {@code "<Confidant-Timestamp>.<body>"} with the signing secret, compare in constant
 * time, and refuse a timestamp more than five minutes from its own clock (a replay).
 */
final class ReceiverCheck {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private ReceiverCheck() {
    }

    static boolean accepts(String secret, String timestamp, String body, String signatureHeader, Instant now) {
        try {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
            if (Duration.between(sent, now).abs().compareTo(TOLERANCE) > 0) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(expected);
            return MessageDigest.isEqual(("v1=" + hex).getBytes(StandardCharsets.UTF_8),
                    signatureHeader.getBytes(StandardCharsets.UTF_8));
        }
        catch (Exception e) {
            return false;
        }
    }

}
