package org.confidant.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.confidant.shared.Rejected;
import org.junit.jupiter.api.Test;

class PasswordsTests {

    @Test
    void aPasswordHasTwelveToOneHundredTwentyEightCharactersOfAnyScriptAndIsNotACommonOneInAnyCase() {
        assertThatCode(() -> Passwords.check("plum kite orbit 1987")).doesNotThrowAnyException();
        assertThatCode(() -> Passwords.check("é".repeat(64))).as("64 letters of two bytes each")
            .doesNotThrowAnyException();
        assertThatCode(() -> Passwords.check("\uD83D\uDD11".repeat(128))).as("128 characters of four bytes each")
            .doesNotThrowAnyException();

        assertRejected("eleven char", "weak_password");
        assertRejected("é".repeat(129), "long_password");
        for (String common : new String[] { "password1234", "Password1234", "QWERTYUIOPASDFGH", "1qaz2wsx3edc" }) {
            assertRejected(common, "common_password");
        }
    }

    private static void assertRejected(String password, String code) {
        assertThatThrownBy(() -> Passwords.check(password)).as(password)
            .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.code()).isEqualTo(code));
    }

}
