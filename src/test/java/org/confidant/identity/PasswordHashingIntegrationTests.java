package org.confidant.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@IntegrationTest
class PasswordHashingIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void newPasswordsAreArgon2idAndAnOlderBcryptHashSignsInOnceAndIsReplaced() {
        Member member = fixtures.workspaceWithOwner();
        assertThat(storedHash(member)).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");

        // an account whose hash was made before Argon2id: bcrypt, without a prefix
        jdbc.sql("update account set password_hash = ? where id = ?")
            .params(new BCryptPasswordEncoder(12).encode(Fixtures.PASSWORD), member.accountId().value())
            .update();
        assertThat(storedHash(member)).startsWith("$2a$12$");
        assertThat(DashboardSession.anonymousFrom(port, "127.0.0.41").attemptSignIn(member.email(), "not the password"))
            .isEqualTo("/login?error");
        assertThat(storedHash(member)).as("a failed sign-in changes nothing").startsWith("$2a$12$");

        DashboardSession.signIn(port, member.email(), Fixtures.PASSWORD);
        assertThat(storedHash(member)).as("upgraded by the sign-in").startsWith("{argon2}$argon2id$");
        DashboardSession.signIn(port, member.email(), Fixtures.PASSWORD);
    }

    private String storedHash(Member member) {
        return jdbc.sql("select password_hash from account where id = ?")
            .param(member.accountId().value())
            .query(String.class)
            .single();
    }

}
