package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestClock;
import org.confidant.identity.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Brute-force protection over real HTTP. Each test signs in from loopback addresses of
 * its own (127.0.0.x), so that the per-address counts of one test, or of the rest of the
 * suite, do not reach another. The first delay is 5 s here (1 s by default), longer than
 * a bcrypt check takes on a busy machine, so that a delay cannot run out between two
 * attempts the test expects to be refused.
 */
@IntegrationTest
class SignInThrottleIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    private static final String WRONG = "not the password at all";

    private static final String THROTTLED = DashboardSession.THROTTLED;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void afterFiveFailuresEvenTheRightPasswordWaitsFromAnywhereThenWorksAndClearsTheCount() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession browser = DashboardSession.anonymousFrom(port, "127.0.0.21");
        for (int i = 0; i < 5; i++) {
            assertThat(browser.attemptSignIn(owner.email(), WRONG)).isEqualTo("/login?error");
        }
        browser.get("/login");
        HttpResponse<String> refused = browser.post("/login",
                Map.of("username", owner.email(), "password", Fixtures.PASSWORD));
        assertThat(refused.statusCode()).as("the right password, throttled").isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
            .as("whole seconds until the wait (a minute here) ends, rounded up")
            .isBetween(1L, 60L);
        assertThat(refused.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(refused.body()).as("the sign-in page, saying why")
            .contains("Too many failed sign-ins")
            .contains("name=\"username\"")
            .doesNotContain(owner.email());
        assertThat(browser.get("/app/conversations").statusCode()).as("not signed in").isEqualTo(302);
        assertThat(DashboardSession.anonymousFrom(port, "127.0.0.22").attemptSignIn(owner.email(), Fixtures.PASSWORD))
            .as("the same account from another address")
            .isEqualTo(THROTTLED);

        // attempts while the delay runs are refused without counting: once it has passed,
        // the right password works
        for (int i = 0; i < 3; i++) {
            assertThat(browser.attemptSignIn(owner.email(), Fixtures.PASSWORD)).isEqualTo(THROTTLED);
        }
        clock.move(Duration.ofMinutes(1));
        assertThat(browser.attemptSignIn(owner.email(), Fixtures.PASSWORD)).startsWith("/app/conversations");
        assertThat(browser.get("/app/conversations").statusCode()).isEqualTo(200);

        DashboardSession again = DashboardSession.anonymousFrom(port, "127.0.0.21");
        assertThat(again.attemptSignIn(owner.email(), WRONG)).as("a success cleared the count")
            .isEqualTo("/login?error");
        assertThat(again.attemptSignIn(owner.email(), Fixtures.PASSWORD)).startsWith("/app/conversations");
    }

    @Test
    void anEmailNobodyHasIsThrottledExactlyLikeOneSomebodyHas() {
        Member owner = fixtures.workspaceWithOwner();
        String nobody = "nobody-" + UUID.randomUUID() + "@example.com";
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        DashboardSession first = DashboardSession.anonymousFrom(port, "127.0.0.23");
        DashboardSession second = DashboardSession.anonymousFrom(port, "127.0.0.24");
        for (int i = 0; i < 7; i++) {
            known.add(first.attemptSignIn(owner.email(), WRONG));
            unknown.add(second.attemptSignIn(nobody, WRONG));
        }
        assertThat(unknown).isEqualTo(known).endsWith(THROTTLED, THROTTLED).contains("/login?error");
    }

    @Test
    void oneAddressGuessingManyEmailsIsThrottledForAllOfThem() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession guesser = DashboardSession.anonymousFrom(port, "127.0.0.25");
        for (int i = 0; i < 20; i++) {
            assertThat(guesser.attemptSignIn("guess-" + i + "-" + UUID.randomUUID() + "@example.com", WRONG))
                .isEqualTo("/login?error");
        }
        assertThat(guesser.attemptSignIn(owner.email(), Fixtures.PASSWORD)).isEqualTo(THROTTLED);
        assertThat(DashboardSession.anonymousFrom(port, "127.0.0.26").attemptSignIn(owner.email(), Fixtures.PASSWORD))
            .as("the account itself is not throttled")
            .startsWith("/app/conversations");
    }

}
