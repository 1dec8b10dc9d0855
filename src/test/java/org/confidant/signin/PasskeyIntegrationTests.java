package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.confidant.signin.PasskeyTestSupport.origin;
import static org.confidant.signin.SecondFactorTestSupport.location;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.confidant.DashboardSession;
import org.confidant.access.AccessManagement;
import org.confidant.access.Permission;
import org.confidant.api.ApiTestClient;
import org.confidant.realtime.TestSocket;
import org.confidant.shared.WorkspaceId;
import org.confidant.sso.SsoManagement.ProviderForm;
import org.confidant.sso.SsoManagement;
import org.confidant.tenancy.SystemScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;

import com.webauthn4j.data.client.ClientDataType;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.ratelimit.RateLimitSettings;

/**
 * Passkeys attacked over HTTP, with a {@link SoftwareAuthenticator} in the browser's
 * place: replays, another session's challenge, forged origins, relying party ids,
 * signatures, flags and counters, a cloned authenticator, {@code webauthn.create} client
 * data used to sign in, unknown and other accounts' credentials, removed passkeys,
 * malformed and oversize bodies, 50 concurrent submissions of one assertion, "SSO
 * required", re-authentication, and what a change ends. Every passwordless refusal must
 * read exactly alike. Tests that sign in without a password do it from addresses of their
 * own (127.0.x.y), each with a fresh passkey sign-in budget.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest(profiles = "sso")
class PasskeyIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    RateLimitSettings rateLimits;

    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);

    private static final int SESSION_ENDED = 1008;

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

    private static final MockOAuth2Server idp = startedProvider();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void stopProvider() {
        idp.shutdown();
    }

    @Test
    void aPasskeyAddedOnTheTwoFactorPageSignsInWithoutAPasswordUnderANewSessionId() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        SoftwareAuthenticator key = SoftwareAuthenticator.withCounter(1);
        HttpResponse<String> added = PasskeyTestSupport.add(session, key, port, "Work laptop");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.body()).contains("/app/account/two-factor?passkey_added&ended=0");
        String page = session.get("/app/account/two-factor").body();
        assertThat(page).contains("<td class=\"passkey-label\">Work laptop</td>").contains("never");
        assertThat(context.getBean(SecondFactorManagement.class).hasSecondFactor(owner.accountId())).isTrue();

        DashboardSession browser = newBrowser();
        String options = PasskeyTestSupport.signInOptions(browser);
        assertThat(options).contains("\"userVerification\":\"required\"")
            .contains("\"allowCredentials\":[]")
            .contains("\"rpId\":\"localhost\"");
        String before = browser.cookie();
        HttpResponse<String> signedIn = browser.postJson(PasskeyTestSupport.SIGN_IN,
                key.assertion(options, origin(port)).json());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.body()).isEqualTo("{\"redirect\":\"/app/conversations\"}");
        assertThat(browser.cookie()).as("a new session id").isNotEqualTo(before);
        assertThat(browser.get("/app/conversations").statusCode()).isEqualTo(200);
        assertThat(DashboardSession.withCookie(port, before).get("/app/conversations").statusCode())
            .as("the old session id opens nothing")
            .isEqualTo(302);
        assertThat(browser.get("/app/account/two-factor").body()).doesNotContain("never");

        List<Map<String, Object>> audited = audit(owner.workspaceId());
        assertThat(audited).anySatisfy(row -> {
            assertThat(row.get("action")).isEqualTo("second_factor.enrolled");
            assertThat(row.get("details")).isEqualTo("{\"method\":\"passkey\"}");
        }).anySatisfy(row -> {
            assertThat(row.get("action")).isEqualTo("sign_in.succeeded");
            assertThat(row.get("details")).isEqualTo("{\"method\":\"passkey\"}");
        });
        String stored = jdbc.sql("select * from audit_entry where workspace_id = ?")
            .param(owner.workspaceId().value())
            .query((rs, n) -> {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.append(value instanceof byte[] bytes ? Base64.getUrlEncoder().encodeToString(bytes)
                            : String.valueOf(value))
                        .append('|');
                }
                return row.toString();
            })
            .list()
            .toString();
        String challenge = options.replaceAll(".*\"challenge\":\"([^\"]+)\".*", "$1");
        for (String secret : List.of(key.credentialIdBase64url(), challenge,
                Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKeyEncoded()).substring(40, 80))) {
            assertThat(stored).as("the audit log names no credential id, challenge or key").doesNotContain(secret);
        }
    }

    @Test
    void aPasskeyIsTheSecondFactorAfterThePasswordAndAnotherAccountsPasskeyIsNot() {
        Member owner = fixtures.workspaceWithOwner();
        SoftwareAuthenticator mine = PasskeyTestSupport.passkeyOf(owner, port, 0);
        Member other = fixtures.workspaceWithOwner();
        SoftwareAuthenticator theirs = PasskeyTestSupport.passkeyOf(other, port, 0);

        DashboardSession held = DashboardSession.anonymousFrom(port, "127.0.1.61");
        assertThat(held.attemptSignIn(owner.email(), Fixtures.PASSWORD)).isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
        for (String path : List.of("/app/conversations", "/app/account/two-factor", SignInSteps.ENROLMENT_PAGE)) {
            assertThat(location(held.get(path))).as(path).isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
        }
        String page = held.get(SignInSteps.SECOND_FACTOR_PAGE).body();
        assertThat(page).as("no code form: the account has no authenticator app").doesNotContain("name=\"code\"");
        HttpResponse<String> options = held.post(PasskeyTestSupport.SECOND_FACTOR_OPTIONS, Map.of());
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.body()).contains(mine.credentialIdBase64url())
            .doesNotContain(theirs.credentialIdBase64url());

        HttpResponse<String> foreign = held.postJson(PasskeyTestSupport.SECOND_FACTOR,
                theirs.assertion(options.body(), origin(port)).userHandle(null).json());
        HttpResponse<String> unknown = secondStep(held, mine.unregistered());
        assertThat(foreign.statusCode()).as("another account's passkey").isEqualTo(401);
        assertThat(unknown.statusCode()).as("an unknown passkey").isEqualTo(401);
        assertThat(foreign.body()).isEqualTo(unknown.body());
        assertThat(held.get("/app/conversations").statusCode()).isEqualTo(302);

        HttpResponse<String> passed = secondStep(held, mine);
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(200);
        assertThat(held.get("/app/conversations").statusCode()).isEqualTo(200);
        assertThat(audit(owner.workspaceId())).anySatisfy(row -> {
            assertThat(row.get("action")).isEqualTo("sign_in.second_factor_failed");
            assertThat(row.get("details")).isEqualTo("{\"method\":\"passkey\"}");
        }).anySatisfy(row -> assertThat(row.get("action")).isEqualTo("sign_in.second_factor_succeeded"));
        assertThat(audit(other.workspaceId())).as("the other account's log does not hear of it")
            .noneSatisfy(row -> assertThat(row.get("action").toString()).startsWith("sign_in.second"));
    }

    @Test
    void anAccountKeepsItsFirstUserHandleAndKeepsItWhileItHasAPasskey() {
        PasskeyUsers users = context.getBean(PasskeyUsers.class);
        Member owner = fixtures.workspaceWithOwner();
        Bytes made = Bytes.random();
        users.save(ImmutablePublicKeyCredentialUserEntity.builder()
            .id(made)
            .name(owner.accountId().toString())
            .displayName("Owner")
            .build());
        assertThat(users.accountOfHandle(made)).contains(owner.accountId());
        users.save(ImmutablePublicKeyCredentialUserEntity.builder()
            .id(Bytes.random())
            .name(owner.accountId().toString())
            .displayName("Owner")
            .build());
        assertThat(users.findByUsername(owner.accountId().toString()).getId()).as("the first handle stays")
            .isEqualTo(made);
        assertThatThrownBy(() -> users.save(ImmutablePublicKeyCredentialUserEntity.builder()
            .id(Bytes.random())
            .name(owner.email())
            .displayName("Owner")
            .build())).as("a name that is no account id").isInstanceOf(IllegalArgumentException.class);

        PasskeyTestSupport.passkeyOf(owner, port, 0);
        users.delete(made);
        assertThat(users.accountOfHandle(made)).as("its account has a passkey").contains(owner.accountId());
        jdbc.sql("delete from passkey where account_id = ?").param(owner.accountId().value()).update();
        users.delete(made);
        assertThat(users.accountOfHandle(made)).as("no passkey left").isEmpty();
    }

    @Test
    void wrongPasskeysAtTheSecondStepAreThrottledLikeWrongCodes() {
        Member owner = fixtures.workspaceWithOwner();
        SoftwareAuthenticator mine = PasskeyTestSupport.passkeyOf(owner, port, 0);
        DashboardSession held = DashboardSession.anonymousFrom(port, "127.0.1.71");
        assertThat(held.attemptSignIn(owner.email(), Fixtures.PASSWORD)).isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
        held.get(SignInSteps.SECOND_FACTOR_PAGE);
        for (int i = 0; i < 5; i++) {
            assertThat(secondStep(held, mine.unregistered()).statusCode()).as("wrong passkey %d", i).isEqualTo(401);
        }
        HttpResponse<String> waiting = held.post(PasskeyTestSupport.SECOND_FACTOR_OPTIONS, Map.of());
        assertThat(waiting.statusCode()).as("even the right passkey waits").isEqualTo(429);
        assertThat(Long.parseLong(waiting.headers().firstValue("Retry-After").orElseThrow()))
            .as("seconds of the first delay, a minute here")
            .isBetween(1L, 60L);
        assertThat(held.get("/app/conversations").statusCode()).isEqualTo(302);
    }

    @Test
    void aChallengeSignsInOnceAndOnlyInTheSessionThatAskedForIt() {
        Member owner = fixtures.workspaceWithOwner();
        SoftwareAuthenticator key = PasskeyTestSupport.passkeyOf(owner, port, 0);

        DashboardSession alice = newBrowser();
        DashboardSession mallory = newBrowser();
        String alicesOptions = PasskeyTestSupport.signInOptions(alice);
        PasskeyTestSupport.signInOptions(mallory);
        String alicesAssertion = key.assertion(alicesOptions, origin(port)).json();
        assertThat(mallory.postJson(PasskeyTestSupport.SIGN_IN, alicesAssertion).statusCode())
            .as("an assertion for another session's challenge")
            .isEqualTo(401);
        assertThat(mallory.get("/app/conversations").statusCode()).isEqualTo(302);

        assertThat(alice.postJson(PasskeyTestSupport.SIGN_IN, alicesAssertion).statusCode()).isEqualTo(200);
        DashboardSession replayer = newBrowser();
        PasskeyTestSupport.signInOptions(replayer);
        assertThat(replayer.postJson(PasskeyTestSupport.SIGN_IN, alicesAssertion).statusCode())
            .as("the assertion replayed in a new session")
            .isEqualTo(401);
        assertThat(alice.postJson(PasskeyTestSupport.SIGN_IN, alicesAssertion).statusCode())
            .as("replayed where it was used")
            .isEqualTo(401);
        assertThat(replayer.get("/app/conversations").statusCode()).isEqualTo(302);
    }

    @Test
    void forgedAssertionsAreRefusedAlikeAndSignNobodyIn() {
        Member owner = fixtures.workspaceWithOwner();
        SoftwareAuthenticator key = PasskeyTestSupport.passkeyOf(owner, port, 10);
        DashboardSession browser = newBrowser();
        String reference = null;
        Map<String, java.util.function.UnaryOperator<SoftwareAuthenticator.Assertion>> forgeries = Map.of(
                "another site's origin", a -> a.origin("https://evil.example"), "the server's IP address as origin",
                a -> a.origin("http://127.0.0.1:" + port), "another scheme", a -> a.origin("https://localhost:" + port),
                "another relying party id", a -> a.rpId("evil.example"), "a tampered signature",
                a -> a.tamperSignature(s -> SoftwareAuthenticator.flipped(s, s.length - 1)),
                // a flag no check reads (RFU1): only the signature tells
                "flags changed after signing",
                a -> a.tamperAuthenticatorData(d -> SoftwareAuthenticator.flipped(d, 32, 0x02)),
                "the counter changed after signing",
                a -> a.tamperAuthenticatorData(d -> SoftwareAuthenticator.flipped(d, 36)), "no user verification",
                a -> a.flags(SoftwareAuthenticator.UP), "webauthn.create client data",
                a -> a.type(ClientDataType.WEBAUTHN_CREATE));
        for (var forgery : forgeries.entrySet()) {
            String options = PasskeyTestSupport.signInOptions(browser);
            HttpResponse<String> refused = browser.postJson(PasskeyTestSupport.SIGN_IN,
                    forgery.getValue().apply(key.assertion(options, origin(port))).json());
            assertThat(refused.statusCode()).as(forgery.getKey()).isEqualTo(401);
            reference = reference == null ? refused.body() : reference;
            assertThat(refused.body()).as(forgery.getKey()).isEqualTo(reference);
            assertThat(browser.get("/app/conversations").statusCode()).as(forgery.getKey()).isEqualTo(302);
            browser = newBrowser();
        }
        assertThat(PasskeyTestSupport.signIn(browser, key, port).statusCode()).as("the real one still signs in")
            .isEqualTo(200);
        assertThat(audit(owner.workspaceId()).stream().filter(row -> row.get("action").equals("sign_in.failed")))
            .hasSize(forgeries.size())
            .allSatisfy(row -> assertThat(row.get("details")).isEqualTo("{\"reason\":\"passkey_refused\"}"));
    }

    @Test
    void aClonedAuthenticatorWhoseCounterFallsBehindIsRefused() {
        Member owner = fixtures.workspaceWithOwner();
        SoftwareAuthenticator original = PasskeyTestSupport.passkeyOf(owner, port, 1);
        assertThat(PasskeyTestSupport.signIn(newBrowser(), original, port).statusCode()).isEqualTo(200);
        SoftwareAuthenticator clone = original.cloned();
        assertThat(PasskeyTestSupport.signIn(newBrowser(), original, port).statusCode()).isEqualTo(200);
        assertThat(PasskeyTestSupport.signIn(newBrowser(), original, port).statusCode()).isEqualTo(200);

        DashboardSession browser = newBrowser();
        HttpResponse<String> cloned = PasskeyTestSupport.signIn(browser, clone, port);
        assertThat(cloned.statusCode()).as("the clone's counter is behind the last accepted one").isEqualTo(401);
        assertThat(browser.get("/app/conversations").statusCode()).isEqualTo(302);
        DashboardSession again = newBrowser();
        String options = PasskeyTestSupport.signInOptions(again);
        assertThat(again
            .postJson(PasskeyTestSupport.SIGN_IN,
                    original.assertion(options, origin(port)).counter(original.counter()).json())
            .statusCode()).as("the same counter as the last accepted one").isEqualTo(401);
        assertThat(PasskeyTestSupport.signIn(newBrowser(), original, port).statusCode()).as("the original moves on")
            .isEqualTo(200);
        assertThat(jdbc.sql("select signature_count from passkey where account_id = ?")
            .param(owner.accountId().value())
            .query(Long.class)
            .single()).isEqualTo(original.counter());
    }

    @Test
    void unknownPasskeysOtherAccountsHandlesAndRemovedPasskeysAllFailAlike() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        SoftwareAuthenticator key = SoftwareAuthenticator.withCounter(0);
        PasskeyTestSupport.added(session, key, port);
        Member other = fixtures.workspaceWithOwner();
        SoftwareAuthenticator othersKey = PasskeyTestSupport.passkeyOf(other, port, 0);

        DashboardSession browser = newBrowser();
        HttpResponse<String> unknown = PasskeyTestSupport.signIn(browser, key.unregistered(), port);
        String options = PasskeyTestSupport.signInOptions(browser);
        HttpResponse<String> wrongHandle = browser.postJson(PasskeyTestSupport.SIGN_IN,
                key.assertion(options, origin(port))
                    .userHandle(Base64.getUrlDecoder().decode(userHandleOf(other)))
                    .json());
        options = PasskeyTestSupport.signInOptions(browser);
        HttpResponse<String> noHandle = browser.postJson(PasskeyTestSupport.SIGN_IN,
                key.assertion(options, origin(port)).userHandle(null).json());
        for (HttpResponse<String> refused : List.of(unknown, wrongHandle, noHandle)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo(unknown.body());
        }

        String passkeyId = jdbc.sql("select id from passkey where account_id = ?")
            .param(owner.accountId().value())
            .query(String.class)
            .single();
        session.get("/app/account/two-factor");
        assertThat(session
            .post("/app/account/two-factor/passkeys/remove",
                    Map.of("passkey", passkeyId, "current", "not the password"))
            .statusCode()).isEqualTo(400);
        assertThat(session
            .post("/app/account/two-factor/passkeys/remove",
                    Map.of("passkey", othersPasskeyId(other), "current", Fixtures.PASSWORD))
            .statusCode()).as("another account's passkey").isEqualTo(400);
        assertThat(PasskeyTestSupport.signIn(newBrowser(), othersKey, port).statusCode()).isEqualTo(200);
        session.get("/app/account/two-factor");
        assertThat(location(session.post("/app/account/two-factor/passkeys/remove",
                Map.of("passkey", passkeyId, "current", Fixtures.PASSWORD))))
            .isEqualTo("/app/account/two-factor?passkey_removed&ended=0");
        HttpResponse<String> removed = PasskeyTestSupport.signIn(newBrowser(), key, port);
        assertThat(removed.statusCode()).as("a removed passkey").isEqualTo(401);
        assertThat(removed.body()).isEqualTo(unknown.body());
        assertThat(audit(owner.workspaceId())).anySatisfy(row -> {
            assertThat(row.get("action")).isEqualTo("second_factor.removed");
            assertThat(row.get("details")).isEqualTo("{\"method\":\"passkey\"}");
        });
        assertThat(context.getBean(SecondFactorManagement.class).hasSecondFactor(owner.accountId())).isFalse();
    }

    @Test
    void ssoRequiredRefusesThePasskeyOfAMemberButNotTheOwnersBreakGlass() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Agent with a passkey");
        SoftwareAuthenticator ownersKey = PasskeyTestSupport.passkeyOf(owner, port, 0);
        SoftwareAuthenticator agentsKey = PasskeyTestSupport.passkeyOf(agent, port, 0);
        SsoManagement sso = context.getBean(SsoManagement.class);
        var grants = fixtures.grants(owner);
        sso.configure(grants, new ProviderForm(idp.issuerUrl("passkeys-" + owner.id()).toString(), "confidant",
                "s3cret-passkeys", Role.AGENT));
        sso.requireSso(grants, true);

        HttpResponse<String> unknown = PasskeyTestSupport.signIn(newBrowser(), agentsKey.unregistered(), port);
        DashboardSession agentsBrowser = newBrowser();
        HttpResponse<String> refused = PasskeyTestSupport.signIn(agentsBrowser, agentsKey, port);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).as("the same answer as an unknown passkey").isEqualTo(unknown.body());
        assertThat(agentsBrowser.get("/app/conversations").statusCode()).isEqualTo(302);
        assertThat(PasskeyTestSupport.signIn(newBrowser(), ownersKey, port).statusCode()).as("the owner's break-glass")
            .isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from passkey where account_id = ? and last_used_at is not null")
            .param(agent.accountId().value())
            .query(Long.class)
            .single()).as("the refusal used nothing up").isZero();
    }

    @Test
    void malformedOversizeAndMistypedResponsesAreRefusedAndStoreNothing() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        SoftwareAuthenticator key = SoftwareAuthenticator.withCounter(0);
        String valid = key.register(PasskeyTestSupport.addOptions(session, Fixtures.PASSWORD).body(), origin(port),
                "Key");
        List<String> bad = List.of("", "not json", "[]", "{}", "null", "{\"label\":\"x\"}",
                valid.replace("\"rawId\":\"", "\"rawId\":123,\"ignored\":\""),
                valid.replace("\"type\":\"public-key\"", "\"type\":\"password\""),
                valid.replace("\"response\":{", "\"response\":\"x\",\"r\":{"),
                valid.replaceAll("\"attestationObject\":\"[^\"]+\"", "\"attestationObject\":\"!!!\""),
                valid.replaceAll("\"rawId\":\"[^\"]+\"", "\"rawId\":\"" + "A".repeat(1400) + "\""),
                "{\"label\":\"" + "x".repeat(70 * 1024) + "\"}");
        for (String body : bad) {
            HttpResponse<String> answer = session.postJson(PasskeyTestSupport.ADD, body);
            assertThat(answer.statusCode()).as(body.length() > 60 ? body.substring(0, 60) : body).isBetween(400, 499);
        }
        assertThat(
                session.postJson(PasskeyTestSupport.ADD, "{\"label\":\"" + "x".repeat(70 * 1024) + "\"}").statusCode())
            .isEqualTo(413);
        for (String label : List.of("x".repeat(65), "bad\u0000label", "right\u202Eto left")) {
            String withLabel = key.register(PasskeyTestSupport.addOptions(session, Fixtures.PASSWORD).body(),
                    origin(port), label);
            assertThat(session.postJson(PasskeyTestSupport.ADD, withLabel).statusCode()).as(label).isEqualTo(400);
        }
        assertThat(passkeysOf(owner)).isZero();
        assertThat(jdbc.sql("select count(*) from passkey").query(Long.class).single())
            .isEqualTo(jdbc.sql("select count(*) from passkey where account_id <> ?")
                .param(owner.accountId().value())
                .query(Long.class)
                .single());

        DashboardSession browser = newBrowser();
        PasskeyTestSupport.signInOptions(browser);
        for (String body : List.of("", "{", "{\"rawId\":[1,2,3]}",
                "{\"id\":\"a\",\"rawId\":\"a\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":1}}")) {
            assertThat(browser.postJson(PasskeyTestSupport.SIGN_IN, body).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(PasskeyTestSupport.add(session, key, port, " ").statusCode()).as("a blank label is a default")
            .isEqualTo(200);
        assertThat(session.get("/app/account/two-factor").body()).contains("<td class=\"passkey-label\">Passkey</td>");
    }

    @Test
    void fiftyConcurrentSubmissionsOfOneAssertionSignInOnce() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        SoftwareAuthenticator key = PasskeyTestSupport.passkeyOf(owner, port, 0);
        DashboardSession browser = newBrowser();
        String assertion = key.assertion(PasskeyTestSupport.signInOptions(browser), origin(port)).json();
        String cookie = browser.cookie();
        String csrf = browser.csrf();
        long signInsBefore = signIns(owner);

        // from 50 addresses at once (each with its own budget), all with the session that
        // asked for the challenge
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(nextAddress())).build();
                answers.add(pool.submit(() -> {
                    start.await();
                    return client
                        .send(HttpRequest
                            .newBuilder(URI.create("http://127.0.0.1:" + port + PasskeyTestSupport.SIGN_IN))
                            .header("Cookie", cookie)
                            .header("X-CSRF-TOKEN", csrf)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(assertion))
                            .build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(status -> status == 200).as(statuses.toString()).hasSize(1);
            // refused, or (once the winner's session id changed) a session that no longer
            // holds its CSRF token
            assertThat(statuses).filteredOn(status -> status != 200).allMatch(status -> status == 401 || status == 403);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(signIns(owner) - signInsBefore).as("sign-ins recorded").isEqualTo(1);
    }

    @Test
    void addingAPasskeyNeedsTheCurrentPasswordAndAHeldSignInCannotAddOne() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        SoftwareAuthenticator key = SoftwareAuthenticator.withCounter(0);
        HttpResponse<String> withoutPassword = PasskeyTestSupport.addOptions(session, "");
        HttpResponse<String> wrongPassword = PasskeyTestSupport.addOptions(session, "not the password at all");
        assertThat(withoutPassword.statusCode()).isEqualTo(400);
        assertThat(wrongPassword.statusCode()).isEqualTo(400);
        assertThat(wrongPassword.body()).contains("not your current password").doesNotContain("challenge");
        String forged = "{\"rp\":{\"id\":\"localhost\",\"name\":\"x\"},\"user\":{\"id\":\"AAAA\",\"name\":\"x\"},"
                + "\"challenge\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}";
        HttpResponse<String> unasked = session.postJson(PasskeyTestSupport.ADD,
                key.register(forged, origin(port), "K"));
        assertThat(unasked.statusCode()).as("a credential for options never handed out").isEqualTo(400);
        assertThat(passkeysOf(owner)).isZero();

        PasskeyTestSupport.added(session, key, port);
        DashboardSession held = DashboardSession.anonymous(port);
        assertThat(held.attemptSignIn(owner.email(), Fixtures.PASSWORD)).isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
        held.get(SignInSteps.SECOND_FACTOR_PAGE);
        assertThat(location(held.post(PasskeyTestSupport.ADD_OPTIONS, Map.of("current", Fixtures.PASSWORD))))
            .as("a session that owes its second factor")
            .isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
        assertThat(location(held.post(PasskeyTestSupport.ENROL_OPTIONS, Map.of())))
            .isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
    }

    @Test
    void addingOrRemovingAPasskeyEndsTheAccountsOtherSessionsAndApiTokensInEveryWorkspace() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        Member otherOwner = fixtures.workspaceWithOwner();
        Member elsewhere = fixtures.joinAsAgent(owner, otherOwner);
        context.getBean(AccessManagement.class)
            .setOverride(fixtures.grants(otherOwner), elsewhere.id(), Permission.API_TOKENS_CREATE, true);
        DashboardSession here = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        SoftwareAuthenticator key = SoftwareAuthenticator.withCounter(0);
        for (String change : List.of("add", "remove")) {
            // the other session: a password sign-in before the account has a passkey,
            // that passkey after
            DashboardSession other = change.equals("add")
                    ? DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD) : newBrowser();
            if (change.equals("remove")) {
                assertThat(PasskeyTestSupport.signIn(other, key, port).statusCode()).isEqualTo(200);
            }
            ApiTestClient token = new ApiTestClient(port, fixtures.apiTokenWithAllOf(owner).text());
            ApiTestClient tokenThere = new ApiTestClient(port, fixtures.apiTokenWithAllOf(elsewhere).text());
            assertThat(token.get("/api/v1/conversations").statusCode()).isEqualTo(200);
            assertThat(tokenThere.get("/api/v1/conversations").statusCode()).isEqualTo(200);
            try (TestSocket socket = TestSocket.agent(port, other.cookie())) {
                if (change.equals("add")) {
                    HttpResponse<String> added = PasskeyTestSupport.add(here, key, port, "Key");
                    assertThat(added.body()).contains("passkey_added&ended=1");
                }
                else {
                    here.get("/app/account/two-factor");
                    assertThat(location(here.post("/app/account/two-factor/passkeys/remove",
                            Map.of("passkey", othersPasskeyId(owner), "current", Fixtures.PASSWORD))))
                        .isEqualTo("/app/account/two-factor?passkey_removed&ended=1");
                }
                assertThat(socket.awaitCloseCode(CLOSE_WITHIN)).as(change).isEqualTo(SESSION_ENDED);
            }
            assertThat(other.get("/app/conversations").statusCode()).as(change).isEqualTo(302);
            assertThat(here.get("/app/conversations").statusCode()).as(change).isEqualTo(200);
            assertThat(token.get("/api/v1/conversations").statusCode()).as(change + ": the API token").isEqualTo(401);
            assertThat(tokenThere.get("/api/v1/conversations").statusCode())
                .as(change + ": the API token of the account's other workspace")
                .isEqualTo(401);
        }
    }

    @Test
    void aWorkspaceRequiring2faLetsAMemberEnrolAPasskeyInsteadOfAnAuthenticator() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Agent enrolling");
        SecurityPolicies policies = context.getBean(SecurityPolicies.class);
        policies.change(owner.workspaceId(), owner.id(), owner.email(),
                new SecurityPolicy(true, Duration.ofMinutes(30), Duration.ofHours(12)));

        DashboardSession held = DashboardSession.anonymous(port);
        assertThat(held.attemptSignIn(agent.email(), Fixtures.PASSWORD)).isEqualTo(SignInSteps.ENROLMENT_PAGE);
        assertThat(location(held.get("/app/conversations"))).isEqualTo(SignInSteps.ENROLMENT_PAGE);
        assertThat(held.get(SignInSteps.ENROLMENT_PAGE).body()).contains("Or use a passkey");
        HttpResponse<String> options = held.post(PasskeyTestSupport.ENROL_OPTIONS, Map.of());
        assertThat(options.statusCode()).isEqualTo(200);
        SoftwareAuthenticator key = SoftwareAuthenticator.withCounter(0);
        HttpResponse<String> enrolled = held.postJson(PasskeyTestSupport.ENROL,
                key.register(options.body(), origin(port), "Phone"));
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        assertThat(enrolled.body()).isEqualTo("{\"redirect\":\"/app/conversations\"}");
        assertThat(held.get("/app/conversations").statusCode()).isEqualTo(200);

        assertThat(PasskeyTestSupport.signIn(newBrowser(), key, port).statusCode())
            .as("a passkey satisfies 2FA required by itself")
            .isEqualTo(200);
        assertThat(DashboardSession.anonymous(port).attemptSignIn(agent.email(), Fixtures.PASSWORD))
            .as("a password is followed by the passkey")
            .isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
    }

    @Test
    void passkeySignInsFromOneAddressSpendItsBudget() {
        long budget = Long.parseLong(rateLimits.passkeySignInsPerAddress().split("/")[0].strip());
        DashboardSession browser = newBrowser();
        browser.get("/login");
        int accepted = 0;
        HttpResponse<String> answer;
        do {
            answer = browser.post(PasskeyTestSupport.SIGN_IN_OPTIONS, Map.of());
            accepted += answer.statusCode() == 200 ? 1 : 0;
        }
        while (answer.statusCode() == 200 && accepted < 2 * budget);
        assertThat(accepted).as("the budget, and at most one request it refilled meanwhile")
            .isBetween((int) budget, (int) budget + 1);
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(browser.postJson(PasskeyTestSupport.SIGN_IN, "{}").statusCode())
            .as("the assertions spend the same budget")
            .isEqualTo(429);
        assertThat(newBrowser().post(PasskeyTestSupport.SIGN_IN_OPTIONS, Map.of()).statusCode())
            .as("another address has its own budget")
            .isNotEqualTo(429);
    }

    // --- helpers
    // -------------------------------------------------------------------------------------------------

    /**
     * A browser on a loopback address no other test of this class uses (so with a fresh
     * sign-in budget).
     */
    private DashboardSession newBrowser() {
        return DashboardSession.anonymousFrom(port, nextAddress());
    }

    private static String nextAddress() {
        int n = NEXT_ADDRESS.incrementAndGet();
        return "127.0." + (2 + n / 250) + "." + (1 + n % 250);
    }

    private HttpResponse<String> secondStep(DashboardSession held, SoftwareAuthenticator authenticator) {
        HttpResponse<String> options = held.post(PasskeyTestSupport.SECOND_FACTOR_OPTIONS, Map.of());
        assertThat(options.statusCode()).isEqualTo(200);
        return held.postJson(PasskeyTestSupport.SECOND_FACTOR,
                authenticator.assertion(options.body(), origin(port)).json());
    }

    private List<Map<String, Object>> audit(WorkspaceId workspace) {
        return jdbc.sql("select action, details from audit_entry where workspace_id = ? order by sequence")
            .param(workspace.value())
            .query()
            .listOfRows();
    }

    private long signIns(Member member) {
        return jdbc.sql("select count(*) from audit_entry where workspace_id = ? and action = 'sign_in.succeeded'")
            .param(member.workspaceId().value())
            .query(Long.class)
            .single();
    }

    private long passkeysOf(Member member) {
        return jdbc.sql("select count(*) from passkey where account_id = ?")
            .param(member.accountId().value())
            .query(Long.class)
            .single();
    }

    private String othersPasskeyId(Member member) {
        return jdbc.sql("select id from passkey where account_id = ?")
            .param(member.accountId().value())
            .query(String.class)
            .single();
    }

    private String userHandleOf(Member member) {
        return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(jdbc.sql("select user_handle from passkey_user where account_id = ?")
                .param(member.accountId().value())
                .query(byte[].class)
                .single());
    }

    private static MockOAuth2Server startedProvider() {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start(InetAddress.getLoopbackAddress(), 0);
        return provider;
    }

}
