package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.signin.SecondFactorTestSupport.location;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.identity.Member;
import org.confidant.realtime.TestSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Changing one's sign-in email: the current password first, one account per email, the
 * other sessions end.
 */
@IntegrationTest
class EmailChangeIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theEmailChangesWithTheCurrentPasswordToAFreeAddressAndTheOtherSessionsEnd() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        Member someoneElse = fixtures.workspaceWithOwner();
        DashboardSession here = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        DashboardSession there = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        String fresh = "renamed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (TestSocket thereSocket = TestSocket.agent(port, there.cookie())) {
            assertThat(thereSocket.next().path("type").asString()).as("the socket is open").isEqualTo("welcome");
            here.get("/app/account/email");
            assertThat(here.post("/app/account/email", Map.of("current", "not the password at all", "email", fresh))
                .statusCode()).isEqualTo(400);
            assertThat(here
                .post("/app/account/email",
                        Map.of("current", Fixtures.PASSWORD, "email", someoneElse.email().toUpperCase()))
                .statusCode()).as("another account's").isEqualTo(400);
            for (String bad : new String[] { "", "no-at-sign", "a@b", "x".repeat(10_000) + "@example.com" }) {
                assertThat(here.post("/app/account/email", Map.of("current", Fixtures.PASSWORD, "email", bad))
                    .statusCode()).as(bad.length() > 40 ? "oversize" : bad).isEqualTo(400);
            }
            assertThat(thereSocket.isClosed()).as("nothing changed yet").isFalse();

            assertThat(location(here.post("/app/account/email",
                    Map.of("current", Fixtures.PASSWORD, "email", "  " + fresh.toUpperCase() + " "))))
                .isEqualTo("/app/account/email?changed&ended=1");
            assertThat(thereSocket.awaitCloseCode(Duration.ofSeconds(5))).isEqualTo(1008);
            assertThat(here.get("/app/account/email").body()).contains(">" + fresh + "<");
        }
        assertThat(DashboardSession.anonymous(port).attemptSignIn(fresh, Fixtures.PASSWORD))
            .isEqualTo("/app/conversations");
        assertThat(DashboardSession.anonymous(port).attemptSignIn(owner.email(), Fixtures.PASSWORD)).contains("error");
        assertThat(DashboardSession.anonymous(port).attemptSignIn(someoneElse.email(), Fixtures.PASSWORD))
            .as("the other account keeps its email")
            .isEqualTo("/app/conversations");
    }

}
