package org.confidant.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confidant.DashboardSession;
import org.confidant.access.Permission;
import org.confidant.api.ApiTestClient;
import org.confidant.shared.Tokens;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.SystemScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.signin.SecondFactorTestSupport;
import org.confidant.signin.SignInSteps;

/**
 * "Forgot your password?", attacked: the answer is the same for an email with an account
 * and one without; the link goes only to the account's email, is built on the configured
 * public address, works once (50 concurrent redemptions: one), expires, is voided by a
 * newer one, and ends every session and API token of the account; a second factor is
 * still asked for; requests are budgeted per address (429) and per account (silently).
 */
@ExtendWith(SystemScope.class)
@IntegrationTest
class PasswordResetIntegrationTests {

    @Autowired
    Fixtures fixtures;

    static final GreenMail SMTP = startSmtp();

    private static final Pattern LINK = Pattern
        .compile("(https://chat\\.example\\.test/login/reset/confirm\\?token=)" + "([A-Za-z0-9_-]{43})");

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"[^\"]+\"");

    private static final String NEW_PASSWORD = "a brand new passphrase 42";

    @DynamicPropertySource
    static void smtpAndPublicUrl(DynamicPropertyRegistry registry) {
        registry.add("confidant.public-url", () -> "https://chat.example.test");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordResets links;

    @Test
    void anEmailWithAnAccountAndOneWithoutGetTheSameAnswerAndOnlyTheAccountGetsALink() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        String nobody = "nobody-" + Tokens.newToken().substring(0, 8).toLowerCase() + "@example.com";

        HttpResponse<String> forNobody = request("127.0.0.41", nobody);
        HttpResponse<String> forOwner = request("127.0.0.42", owner.email());

        assertThat(forNobody.statusCode()).isEqualTo(forOwner.statusCode()).isEqualTo(200);
        assertThat(withoutCsrf(forNobody.body())).isEqualTo(withoutCsrf(forOwner.body()))
            .contains("id=\"reset-requested\"")
            .doesNotContain(owner.email())
            .doesNotContain(nobody);
        String link = linkSentTo(owner.email());
        assertThat(link).startsWith("https://chat.example.test/login/reset/confirm?token=");
        assertThat(recipients()).doesNotContain(nobody);
        MimeMessage sent = messagesTo(owner.email()).getLast();
        assertThat(sent.getFrom()[0].toString()).isEqualTo("reset@confidant.test");
        assertThat(GreenMailUtil.getBody(sent)).contains("127.0.0.42");
        assertThat(auditRows(owner.workspaceId(), "password.reset_requested")).singleElement()
            .asString()
            .contains("ANONYMOUS")
            .contains("127.0.0.0/24") // what the workspace's IP mode keeps: truncated by
                                      // default
            .doesNotContain("127.0.0.42");
    }

    @Test
    void theLinkSetsANewPasswordOnceAndEndsEverySessionAndApiTokenOfTheAccount() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession before = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        String apiToken = fixtures.apiToken(owner, Permission.CONVERSATIONS_REPLY).text();
        request("127.0.0.43", owner.email());
        String token = tokenOf(linkSentTo(owner.email()));

        DashboardSession browser = DashboardSession.anonymous(port);
        HttpResponse<String> form = browser.get("/login/reset/confirm?token=" + token);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"password\"");
        HttpResponse<String> weak = browser.post("/login/reset/confirm", Map.of("token", token, "password", "short"));
        assertThat(weak.statusCode()).as("a password the rules refuse").isEqualTo(400);
        assertThat(before.get("/app/conversations").statusCode()).as("nothing changed yet").isEqualTo(200);

        HttpResponse<String> set = browser.post("/login/reset/confirm",
                Map.of("token", token, "password", NEW_PASSWORD));
        assertThat(set.statusCode()).isEqualTo(302);
        assertThat(set.headers().firstValue("Location").orElseThrow()).endsWith("/login?reset");

        assertThat(before.get("/app/conversations").statusCode()).as("the session from before").isEqualTo(302);
        assertThat(new ApiTestClient(port, apiToken).get("/api/v1/conversations").statusCode()).isEqualTo(401);
        assertThat(DashboardSession.anonymousFrom(port, "127.0.0.44").attemptSignIn(owner.email(), Fixtures.PASSWORD))
            .as("the old password")
            .isEqualTo("/login?error");
        DashboardSession.signIn(port, owner.email(), NEW_PASSWORD);
        assertThat(browser.get("/login/reset/confirm?token=" + token).statusCode()).as("used").isEqualTo(404);
        assertThat(browser.post("/login/reset/confirm", Map.of("token", token, "password", "yet another passphrase"))
            .statusCode()).isEqualTo(404);
        DashboardSession.signIn(port, owner.email(), NEW_PASSWORD);
        assertThat(auditRows(owner.workspaceId(), "password.changed")).singleElement()
            .asString()
            .contains("reset_link")
            .contains("ANONYMOUS");
        assertThat(auditRows(owner.workspaceId(), "api_token.revoked")).singleElement()
            .asString()
            .contains("password_changed");
    }

    @Test
    void fiftyConcurrentRedemptionsOfOneLinkSucceedOnce() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        request("127.0.0.45", owner.email());
        String token = tokenOf(linkSentTo(owner.email()));
        List<DashboardSession> browsers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            DashboardSession browser = DashboardSession.anonymous(port);
            browser.get("/login/reset/confirm?token=" + token);
            browsers.add(browser);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> redemptions = new ArrayList<>();
        for (int i = 0; i < browsers.size(); i++) {
            DashboardSession browser = browsers.get(i);
            String password = NEW_PASSWORD + " number " + i;
            redemptions.add(() -> {
                start.await();
                return browser.post("/login/reset/confirm", Map.of("token", token, "password", password)).statusCode();
            });
        }
        List<Integer> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            List<Future<Integer>> futures = redemptions.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> future : futures) {
                answers.add(future.get());
            }
        }
        assertThat(answers).filteredOn(status -> status == 302).hasSize(1);
        assertThat(answers).filteredOn(status -> status != 302).containsOnly(404);
        assertThat(auditRows(owner.workspaceId(), "password.changed")).hasSize(1);
    }

    @Test
    void aNewerLinkVoidsTheOlderAndAnExpiredOneOpensNothing() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        request("127.0.0.46", owner.email());
        String first = tokenOf(linkSentTo(owner.email()));
        request("127.0.0.46", owner.email());
        String second = tokenOf(awaitLinks(owner.email(), 2).getLast());
        DashboardSession browser = DashboardSession.anonymous(port);
        assertThat(browser.get("/login/reset/confirm?token=" + first).statusCode()).as("voided").isEqualTo(404);
        assertThat(browser.get("/login/reset/confirm?token=" + second).statusCode()).isEqualTo(200);

        String expired = Tokens.newToken();
        Instant now = Instant.now();
        links.issue(owner.accountId(), expired, now.minus(2, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS));
        assertThat(browser.get("/login/reset/confirm?token=" + expired).statusCode()).isEqualTo(404);
        assertThat(
                browser.post("/login/reset/confirm", Map.of("token", expired, "password", NEW_PASSWORD)).statusCode())
            .isEqualTo(404);
        for (String made : List.of("", "x", Tokens.newToken(), "../../etc/passwd", "A".repeat(5000))) {
            assertThat(
                    browser.post("/login/reset/confirm", Map.of("token", made, "password", NEW_PASSWORD)).statusCode())
                .as("a made-up token")
                .isEqualTo(404);
        }
        DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
    }

    @Test
    void aResetDoesNotSkipTheSecondFactor() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        SecondFactorTestSupport.enrol(DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD));
        request("127.0.0.47", owner.email());
        String token = tokenOf(linkSentTo(owner.email()));
        DashboardSession browser = DashboardSession.anonymous(port);
        browser.get("/login/reset/confirm?token=" + token);
        browser.post("/login/reset/confirm", Map.of("token", token, "password", NEW_PASSWORD));

        assertThat(DashboardSession.anonymousFrom(port, "127.0.0.48").attemptSignIn(owner.email(), NEW_PASSWORD))
            .isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
    }

    @Test
    void requestsAreBudgetedPerAddressLoudlyAndPerAccountSilently() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(request("127.0.0." + (50 + i), owner.email()).statusCode());
        }
        assertThat(statuses).as("every answer reads alike").containsOnly(200);
        awaitLinks(owner.email(), 3);
        Thread.sleep(1000); // the fourth request had its chance to send
        assertThat(messagesTo(owner.email())).as("three emails an hour, at most").hasSize(3);

        String address = "127.0.0.60";
        for (int i = 0; i < 10; i++) {
            assertThat(request(address, "guess-" + i + "@example.com").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = request(address, owner.email());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After").orElseThrow()).matches("[1-9][0-9]*");
        assertThat(request(address, "not an email").statusCode()).as("malformed, before any budget").isEqualTo(400);
    }

    private HttpResponse<String> request(String address, String email) {
        DashboardSession browser = DashboardSession.anonymousFrom(port, address);
        browser.get("/login/reset");
        return browser.post("/login/reset", Map.of("email", email));
    }

    private static String withoutCsrf(String page) {
        return CSRF.matcher(page).replaceAll("");
    }

    private static String tokenOf(String link) {
        Matcher matcher = LINK.matcher(link);
        assertThat(matcher.matches()).as(link).isTrue();
        return matcher.group(2);
    }

    private static String linkSentTo(String email) throws Exception {
        return awaitLinks(email, 1).getLast();
    }

    /**
     * The reset links sent to {@code email}, once at least {@code count} have arrived
     * (waiting up to 10 s).
     */
    private static List<String> awaitLinks(String email, int count) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> found = List.of();
        while (System.nanoTime() < deadline) {
            found = messagesTo(email).stream().map(GreenMailUtil::getBody).map(body -> {
                Matcher matcher = LINK.matcher(body.replace("=\r\n", ""));
                return matcher.find() ? matcher.group() : "";
            }).filter(link -> !link.isEmpty()).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(count + " reset emails to " + email + " expected, " + found.size() + " arrived");
    }

    private static List<MimeMessage> messagesTo(String email) throws Exception {
        List<MimeMessage> messages = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(email)) {
                messages.add(message);
            }
        }
        return messages;
    }

    private static List<String> recipients() throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            recipients.add(message.getRecipients(Message.RecipientType.TO)[0].toString());
        }
        return recipients;
    }

    private List<String> auditRows(WorkspaceId workspace, String action) {
        return jdbc
            .sql("select actor_kind || ' ' || details from audit_entry where workspace_id = ? and action = ?"
                    + " order by sequence")
            .params(workspace.value(), action)
            .query(String.class)
            .list();
    }

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

}
