package org.confidant.identity;

import java.nio.charset.StandardCharsets;

import org.confidant.shared.Rejected;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing (bcrypt, cost 12) and the rule every new password meets: 12 to 72 characters. bcrypt reads only
 * the first 72 bytes, so a longer password is refused rather than silently cut.
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
    }
}
