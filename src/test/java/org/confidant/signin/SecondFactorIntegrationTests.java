package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.confidant.signin.SecondFactorTestSupport.code;
import static org.confidant.signin.SecondFactorTestSupport.codeAt;
import static org.confidant.signin.SecondFactorTestSupport.location;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestClock;
import org.confidant.access.AccessManagement;
import org.confidant.access.Permission;
import org.confidant.api.ApiTestClient;
import org.confidant.crypto.DeploymentEncryption;
import org.confidant.crypto.IntegrityException;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.MemberPrincipal;
import org.confidant.realtime.TestSocket;
import org.confidant.shared.AuditAction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * TOTP and recovery codes, attacked: replayed codes, codes two steps away, wrong codes
 * past the throttle, a session holding only a password trying every way in, 50 concurrent
 * redemptions of one code, tampered secrets, oversize input. The first delay of the
 * throttle is a minute here, so that a throttled answer never depends on timing.
 */
@IntegrationTest
@RecordApplicationEvents
class SecondFactorIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    SecondFactorManagement factors;

    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);

    private static final int SESSION_ENDED = 1008;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Test
    void afterEnrolmentSigningInAsksForACodeAndUntilThenTheSessionReachesNothing() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession here = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        DashboardSession elsewhere = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        try (TestSocket elsewhereSocket = TestSocket.agent(port, elsewhere.cookie())) {
            assertThat(elsewhereSocket.next().path("type").asString()).as("the socket is open").isEqualTo("welcome");
            SecondFactorTestSupport.Enrolled enrolled = SecondFactorTestSupport.enrol(here);
            assertThat(elsewhereSocket.awaitCloseCode(CLOSE_WITHIN)).as("enrolling ends the other sessions")
                .isEqualTo(SESSION_ENDED);
            assertThat(elsewhere.get("/app/conversations").statusCode()).isEqualTo(302);
            assertThat(here.get("/app/account/two-factor").body()).contains("id=\"recovery-codes-left\">10<");

            DashboardSession held = DashboardSession.anonymous(port);
            assertThat(held.attemptSignIn(owner.email(), Fixtures.PASSWORD)).isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
            for (String path : List.of("/app/conversations", "/app/members", "/app/account/two-factor",
                    "/app/account/sessions", "/app/inboxes", "/app/security", SignInSteps.ENROLMENT_PAGE)) {
                HttpResponse<String> answer = held.get(path);
                assertThat(answer.statusCode()).as(path).isEqualTo(302);
                assertThat(location(answer)).as(path).isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
            }
            held.get(SignInSteps.SECOND_FACTOR_PAGE);
            HttpResponse<String> action = held.post("/app/account/password",
                    Map.of("current", Fixtures.PASSWORD, "password", "a brand new long passphrase"));
            assertThat(location(action)).isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
            assertThat(AgentSocketRefusal.status(() -> TestSocket.agent(port, held.cookie()))).isEqualTo(302);

            held.get(SignInSteps.SECOND_FACTOR_PAGE);
            assertThat(
                    held.post(SignInSteps.SECOND_FACTOR_PAGE, Map.of("code", code(enrolled.secret(), 5))).statusCode())
                .as("a code five steps ahead")
                .isEqualTo(400);
            String next = code(enrolled.secret(), 1);
            HttpResponse<String> passed = held.post(SignInSteps.SECOND_FACTOR_PAGE, Map.of("code", next));
            assertThat(location(passed)).isEqualTo("/app/conversations");
            assertThat(held.get("/app/conversations").statusCode()).isEqualTo(200);
            try (TestSocket socket = TestSocket.agent(port, held.cookie())) {
                assertThat(socket.isClosed()).isFalse();
            }

            DashboardSession replay = DashboardSession.anonymous(port);
            replay.attemptSignIn(owner.email(), Fixtures.PASSWORD);
            replay.get(SignInSteps.SECOND_FACTOR_PAGE);
            assertThat(replay.post(SignInSteps.SECOND_FACTOR_PAGE, Map.of("code", next)).statusCode())
                .as("the same code a second time")
                .isEqualTo(400);
            assertThat(replay.get("/app/conversations").statusCode()).isEqualTo(302);
        }
    }

    @Test
    void aRecoveryCodeSignsInOnceAndTheAuthenticatorCanBeRemovedWithThePasswordOnly() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession here = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        List<String> recoveryCodes = SecondFactorTestSupport.enrol(here).recoveryCodes();

        DashboardSession first = DashboardSession.anonymous(port);
        first.attemptSignIn(owner.email(), Fixtures.PASSWORD);
        first.get(SignInSteps.SECOND_FACTOR_PAGE);
        assertThat(location(first.post(SignInSteps.SECOND_FACTOR_PAGE, Map.of("code", recoveryCodes.get(0)))))
            .isEqualTo("/app/conversations");

        DashboardSession second = DashboardSession.anonymous(port);
        second.attemptSignIn(owner.email(), Fixtures.PASSWORD);
        second.get(SignInSteps.SECOND_FACTOR_PAGE);
        assertThat(second.post(SignInSteps.SECOND_FACTOR_PAGE, Map.of("code", recoveryCodes.get(0))).statusCode())
            .as("a used recovery code")
            .isEqualTo(400);
        String typedLoosely = " " + recoveryCodes.get(1).replace("-", " ").toUpperCase(Locale.ROOT) + " ";
        assertThat(location(second.post(SignInSteps.SECOND_FACTOR_PAGE, Map.of("code", typedLoosely))))
            .isEqualTo("/app/conversations");
        assertThat(second.get("/app/account/two-factor").body()).contains("id=\"recovery-codes-left\">8<");

        HttpResponse<String> wrongPassword = second.post("/app/account/two-factor/totp/remove",
                Map.of("current", "not the password at all"));
        assertThat(wrongPassword.statusCode()).isEqualTo(400);
        assertThat(context.getBean(SecondFactorManagement.class).hasSecondFactor(owner.accountId())).isTrue();
        second.get("/app/account/two-factor");
        HttpResponse<String> regenerated = second.post("/app/account/two-factor/recovery-codes",
                Map.of("current", Fixtures.PASSWORD));
        List<String> fresh = SecondFactorTestSupport.recoveryCodesOn(regenerated.body());
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(recoveryCodes);
        assertThat(first.get("/app/conversations").statusCode()).as("regenerating ends the other sessions")
            .isEqualTo(302);
        assertThat(location(second.post("/app/account/two-factor/totp/remove", Map.of("current", Fixtures.PASSWORD))))
            .startsWith("/app/account/two-factor?removed");
        assertThat(context.getBean(SecondFactorManagement.class).status(owner.accountId()))
            .isEqualTo(new SecondFactorManagement.Status(false, 0));
        assertThat(DashboardSession.anonymous(port).attemptSignIn(owner.email(), Fixtures.PASSWORD))
            .isEqualTo("/app/conversations");
    }

    @Test
    void enrollingInOneWorkspaceEndsTheApiTokensOfTheAccountsOtherWorkspacesToo() {
        Member owner = fixtures.workspaceWithOwner();
        Member otherOwner = fixtures.workspaceWithOwner();
        Member elsewhere = fixtures.joinAsAgent(owner, otherOwner);
        context.getBean(AccessManagement.class)
            .setOverride(fixtures.grants(otherOwner), elsewhere.id(), Permission.API_TOKENS_CREATE, true);
        ApiTestClient here = new ApiTestClient(port, fixtures.apiTokenWithAllOf(owner).text());
        ApiTestClient there = new ApiTestClient(port, fixtures.apiTokenWithAllOf(elsewhere).text());

        SecondFactorTestSupport.enrol(DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD));

        assertThat(here.get("/api/v1/conversations").statusCode()).isEqualTo(401);
        assertThat(there.get("/api/v1/conversations").statusCode()).as("the account's other workspace").isEqualTo(401);
    }

    @Test
    void wrongCodesAreThrottledAndSigningInAgainWithThePasswordDoesNotClearThem() {
        Member owner = fixtures.workspaceWithOwner();
        byte[] secret = SecondFactorTestSupport.enrol(DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD))
            .secret();
        DashboardSession guesser = DashboardSession.anonymousFrom(port, "127.0.0.61");
        guesser.attemptSignIn(owner.email(), Fixtures.PASSWORD);
        guesser.get(SignInSteps.SECOND_FACTOR_PAGE);
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.post(SignInSteps.SECOND_FACTOR_PAGE, Map.of("code", code(secret, 7 + i))).statusCode())
                .isEqualTo(400);
        }
        HttpResponse<String> waiting = guesser.post(SignInSteps.SECOND_FACTOR_PAGE, Map.of("code", code(secret, 1)));
        assertThat(waiting.statusCode()).as("the right code waits too").isEqualTo(429);
        assertThat(Long.parseLong(waiting.headers().firstValue("Retry-After").orElseThrow()))
            .as("seconds of the first delay, a minute here")
            .isBetween(1L, 60L);

        DashboardSession again = DashboardSession.anonymousFrom(port, "127.0.0.62");
        assertThat(again.attemptSignIn(owner.email(), Fixtures.PASSWORD)).isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
        again.get(SignInSteps.SECOND_FACTOR_PAGE);
        assertThat(again.post(SignInSteps.SECOND_FACTOR_PAGE, Map.of("code", code(secret, 1))).statusCode())
            .as("another address, after the right password")
            .isEqualTo(429);
    }

    @Test
    void aCodeOfTheStepBeforeOrAfterIsAcceptedOnceAndNeverOneTwoStepsAwayOrOlderThanTheLast() {
        clock.freeze();
        MemberPrincipal me = principal(fixtures.workspaceWithOwner());
        byte[] secret = SecondFactorTestSupport.secretOn("id=\"totp-secret\">" + factors.beginTotp(me).secret() + "<");
        long step = SecondFactorTestSupport.stepAt(clock.instant());

        assertThatThrownBy(() -> factors.confirmTotp(me, codeAt(secret, step + 2))).hasMessageContaining("not match");
        assertThat(factors.confirmTotp(me, codeAt(secret, step - 1))).hasSize(10);
        assertThat(factors.verify(me, codeAt(secret, step - 1))).as("replayed").isFalse();
        assertThat(factors.verify(me, codeAt(secret, step - 2))).as("two steps back").isFalse();
        assertThat(factors.verify(me, codeAt(secret, step + 2))).as("two steps ahead").isFalse();
        assertThat(factors.verify(me, codeAt(secret, step + 1))).as("one step ahead").isTrue();
        assertThat(factors.verify(me, codeAt(secret, step))).as("older than the last accepted").isFalse();

        clock.move(Duration.ofMinutes(10));
        long later = step + 20;
        assertThat(factors.verify(me, codeAt(secret, later - 2))).isFalse();
        assertThat(factors.verify(me, codeAt(secret, later - 1))).as("one step back").isTrue();
        assertThat(factors.verify(me, codeAt(secret, later))).isTrue();
        assertThat(factors.verify(me, codeAt(secret, later))).as("replayed").isFalse();
        assertThat(factors.verify(me, "12345")).isFalse();
        assertThat(factors.verify(me, "x".repeat(10_000))).isFalse();
        assertThat(events.stream(SecondFactorChecked.class).map(e -> e.auditRecord().action()))
            .contains(AuditAction.SIGN_IN_SECOND_FACTOR_SUCCEEDED, AuditAction.SIGN_IN_SECOND_FACTOR_FAILED);
        assertThat(events.stream(SecondFactorChanged.class).map(e -> e.auditRecord().action()))
            .contains(AuditAction.SECOND_FACTOR_ENROLLED);
    }

    @Test
    void fiftyConcurrentRedemptionsOfOneCodeSucceedExactlyOnce() throws Exception {
        SecondFactorManagement factors = context.getBean(SecondFactorManagement.class);
        MemberPrincipal me = principal(fixtures.workspaceWithOwner());
        byte[] secret = SecondFactorTestSupport.secretOn("id=\"totp-secret\">" + factors.beginTotp(me).secret() + "<");
        List<String> recoveryCodes = factors.confirmTotp(me, code(secret, 0));

        String totp = code(secret, 1);
        assertThat(concurrently(50, () -> factors.verify(me, totp))).as("one TOTP code").isEqualTo(1);
        String recovery = recoveryCodes.get(3);
        assertThat(concurrently(50, () -> factors.verify(me, recovery))).as("one recovery code").isEqualTo(1);
        assertThat(factors.status(me.accountId()).recoveryCodesLeft()).isEqualTo(9);
    }

    @Test
    void theSecretIsStoredEncryptedAndBoundToItsAccount() {
        SecondFactorManagement factors = context.getBean(SecondFactorManagement.class);
        MemberPrincipal ada = principal(fixtures.workspaceWithOwner());
        MemberPrincipal bob = principal(fixtures.workspaceWithOwner());
        byte[] secret = SecondFactorTestSupport.secretOn("id=\"totp-secret\">" + factors.beginTotp(ada).secret() + "<");
        factors.confirmTotp(ada, code(secret, 0));
        byte[] stored = jdbc.sql("select secret from totp_factor where account_id = ?")
            .param(ada.accountId().value())
            .query(byte[].class)
            .single();
        assertThat(indexOf(stored, secret)).as("the plain secret in the row").isEqualTo(-1);
        assertThat(context.getBean(DeploymentEncryption.class)
            .decrypt(SecondFactorManagement.TOTP_SECRET, ada.accountId(), stored)).isEqualTo(secret);

        factors.beginTotp(bob);
        jdbc.sql("update totp_factor set secret = ?, confirmed_at = created_at where account_id = ?")
            .params(stored, bob.accountId().value())
            .update();
        assertThat(catchThrowable(() -> factors.verify(bob, code(secret, 1)))).as("a secret copied to another account")
            .isInstanceOf(IntegrityException.class);
    }

    @Test
    void malformedAndOversizeCodesAreRefusedAndChangeNothing() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession here = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        here.get("/app/account/two-factor");
        assertThat(here.post("/app/account/two-factor/totp/confirm", Map.of("code", "123456")).statusCode())
            .as("confirming without an enrolment")
            .isEqualTo(400);
        assertThat(here.post("/app/account/two-factor/totp", Map.of("current", "x".repeat(100_000))).statusCode())
            .isEqualTo(400);
        here.get("/app/account/two-factor");
        here.post("/app/account/two-factor/totp", Map.of("current", Fixtures.PASSWORD));
        for (String bad : List.of("", "12345", "1234567", "abcdef", "１２３４５６", "x".repeat(100_000))) {
            assertThat(here.post("/app/account/two-factor/totp/confirm", Map.of("code", bad)).statusCode())
                .as(bad.length() > 20 ? "oversize" : bad)
                .isEqualTo(400);
        }
        assertThat(context.getBean(SecondFactorManagement.class).hasSecondFactor(owner.accountId())).isFalse();
        assertThat(
                here.post("/app/account/two-factor/recovery-codes", Map.of("current", Fixtures.PASSWORD)).statusCode())
            .as("recovery codes without an authenticator")
            .isEqualTo(400);
        assertThat(here.post("/app/account/two-factor/totp/remove", Map.of("current", Fixtures.PASSWORD)).statusCode())
            .isEqualTo(400);
    }

    private MemberPrincipal principal(Member member) {
        return context.getBean(AccountManagement.class)
            .membershipOf(member.accountId(), member.workspaceId())
            .orElseThrow();
    }

    private static int concurrently(int callers, Callable<Boolean> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return attempt.call();
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Boolean> result : results) {
                succeeded += result.get() ? 1 : 0;
            }
            return succeeded;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
