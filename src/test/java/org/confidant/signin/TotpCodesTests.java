package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * TOTP codes against RFC 6238's own test vectors (Appendix B), and the text an
 * authenticator app reads.
 */
class TotpCodesTests {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] SHA512_SEED = ("1234567890123456789012345678901234567890123456789012345678901234")
        .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({ "59,          94287082, 46119246, 90693936", "1111111109,  07081804, 68084774, 25091201",
            "1111111111,  14050471, 67062674, 99943326", "1234567890,  89005924, 91819424, 93441116",
            "2000000000,  69279037, 90698825, 38618901", "20000000000, 65353130, 77737706, 47863826" })
    void theRfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
        assertThat(codeAt(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1, SHA1_SEED, time)).isEqualTo(sha1);
        assertThat(codeAt(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA256, SHA256_SEED, time))
            .isEqualTo(sha256);
        assertThat(codeAt(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA512, SHA512_SEED, time))
            .isEqualTo(sha512);
    }

    @Test
    void stepsAreThirtySecondsAndCodesSixZeroPaddedDigits() {
        TotpCodes codes = new TotpCodes();
        assertThat(codes.stepAt(Instant.ofEpochSecond(59))).isEqualTo(1);
        assertThat(codes.stepAt(Instant.ofEpochSecond(60))).isEqualTo(2);
        assertThat(codes.codeAt(SHA1_SEED, codes.stepAt(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(TotpCodes.looksLikeCode("081804")).isTrue();
        assertThat(TotpCodes.looksLikeCode("81804")).isFalse();
        assertThat(TotpCodes.looksLikeCode("0818041")).isFalse();
        assertThat(TotpCodes.looksLikeCode("08180a")).isFalse();
        assertThat(TotpCodes.looksLikeCode("٠٨١٨٠٤")).as("other scripts' digits").isFalse();
    }

    @Test
    void secretsAreBase32ForAuthenticatorApps() {
        // RFC 4648's base32 test vectors, without padding
        assertThat(TotpCodes.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(TotpCodes.base32("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTB");
        assertThat(TotpCodes.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(TotpCodes.base32(SHA1_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(TotpCodes.newSecret()).hasSize(20).isNotEqualTo(TotpCodes.newSecret());
        assertThat(TotpCodes.otpauthUri("Confidant", "ada+1@example.com", SHA1_SEED))
            .isEqualTo("otpauth://totp/Confidant:ada%2B1%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                    + "&issuer=Confidant&algorithm=SHA1&digits=6&period=30");
    }

    private static String codeAt(String algorithm, byte[] seed, long time) {
        TotpCodes codes = new TotpCodes(TotpCodes.STEP, 8, algorithm);
        return codes.codeAt(seed, codes.stepAt(Instant.ofEpochSecond(time)));
    }

}
