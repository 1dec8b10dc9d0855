package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;

/**
 * Second-factor helpers for tests: reading an enrolment page, making codes as an
 * authenticator app would.
 */
public final class SecondFactorTestSupport {

    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");

    private static final Pattern RECOVERY_CODE = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>");

    private static final TotpCodes CODES = new TotpCodes();

    private SecondFactorTestSupport() {
    }

    /**
     * The secret an enrolment page shows, as the bytes an authenticator app decodes from
     * it.
     */
    static byte[] secretOn(String page) {
        Matcher matcher = SECRET.matcher(page);
        assertThat(matcher.find()).as("the page shows the key").isTrue();
        return base32Decode(matcher.group(1));
    }

    static List<String> recoveryCodesOn(String page) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = RECOVERY_CODE.matcher(page);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    /** The code of the time step {@code offset} steps from now. */
    static String code(byte[] secret, int offset) {
        return CODES.codeAt(secret, CODES.stepAt(Instant.now()) + offset);
    }

    static String codeAt(byte[] secret, long step) {
        return CODES.codeAt(secret, step);
    }

    static long stepAt(Instant instant) {
        return CODES.stepAt(instant);
    }

    /**
     * An authenticator enrolled from the account page of a signed-in session; returns its
     * secret and codes.
     */
    record Enrolled(byte[] secret, List<String> recoveryCodes) {
    }

    public static Enrolled enrol(DashboardSession session) {
        session.get("/app/account/two-factor");
        HttpResponse<String> begun = session.post("/app/account/two-factor/totp", Map.of("current", Fixtures.PASSWORD));
        assertThat(begun.statusCode()).isEqualTo(200);
        byte[] secret = secretOn(begun.body());
        HttpResponse<String> confirmed = session.post("/app/account/two-factor/totp/confirm",
                Map.of("code", code(secret, 0)));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        List<String> recoveryCodes = recoveryCodesOn(confirmed.body());
        assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
        return new Enrolled(secret, recoveryCodes);
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("").replaceFirst("^https?://[^/]+", "");
    }

    private static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

}
