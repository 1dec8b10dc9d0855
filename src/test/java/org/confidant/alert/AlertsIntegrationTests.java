package org.confidant.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.confidant.DashboardSession;
import org.confidant.access.Grants;
import org.confidant.audit.AuditEntryRecorded;
import org.confidant.identity.Member;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.NotFound;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.SystemScope;
import org.confidant.tenancy.Tenancy;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.egress.OutboundUrlGuardTests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts end to end: audit entries published after their transaction (the audit module's
 * contract) raise alerts that reach real receivers — a signed webhook and a
 * Slack-compatible one (JDK HTTP servers on 127.0.0.1, allowlisted) and email (GreenMail)
 * — with retries, and never across workspaces. Retries wait 1 s here instead of 5 s.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest
class AlertsIntegrationTests {

    @Autowired
    Fixtures fixtures;

    static final Receiver WEBHOOK = Receiver.start();
    static final Receiver SLACK = Receiver.start();
    static final Receiver OTHER_WORKSPACE = Receiver.start();
    static final Receiver REDIRECTED_TO = Receiver.start();
    static final Receiver FLAKY = Receiver.start();
    static final Receiver REDIRECTING = Receiver.start();
    static final int DEAD_PORT = freePort();
    static final GreenMail SMTP = startSmtp();

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        registry.add("confidant.alerts.allowed-targets",
                () -> String.join(",", WEBHOOK.target(), SLACK.target(), OTHER_WORKSPACE.target(),
                        REDIRECTED_TO.target(), FLAKY.target(), REDIRECTING.target(), "127.0.0.1:" + DEAD_PORT));
        // the egress gate lets the name through, so that the SSRF guard is what refuses
        // it once resolved (aNameThatResolvesToLoopbackIsRefusedAtSendTime); and a
        // public host the page may save
        registry.add("confidant.egress.allowed-hosts", () -> "localhost,hooks.example.com");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopReceivers() {
        List.of(WEBHOOK, SLACK, OTHER_WORKSPACE, REDIRECTED_TO, FLAKY, REDIRECTING).forEach(Receiver::close);
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AlertManagement alerts;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    Member owner;

    Grants grants;

    String secret;

    @BeforeEach
    void workspaceWithASignedWebhook() {
        owner = fixtures.workspaceWithOwner();
        grants = fixtures.grants(owner);
        secret = alerts.addSignedWebhook(grants, WEBHOOK.url()).signingSecret();
    }

    @Test
    void eachRuleFiresOnItsActionAndNotOnOthers() {
        String run = UUID.randomUUID().toString();
        // not alerts: a role that is neither owner nor admin, policies turned on, other
        // actions, one failed sign-in
        record("member.role_changed", "quiet-agent-" + run, Map.of("role", "agent"));
        record("member.role_changed", "quiet-manager-" + run, Map.of("role", "manager"));
        record("policy.two_factor_required_changed", "quiet-2fa-" + run, Map.of("required", "true"));
        record("policy.sso_required_changed", "quiet-sso-" + run, Map.of("required", "true"));
        record("conversation.opened", "quiet-read-" + run, Map.of());
        record("alert.rule_changed", "quiet-rule-" + run, Map.of("enabled", "false"));
        record("sign_in.failed", "quiet-signin-" + run, Map.of());

        Map<String, Map<String, String>> firing = Map.ofEntries(Map.entry("workspace.exported", Map.of()),
                Map.entry("conversations.deleted", Map.of("count", "250")), Map.entry("contact.erased", Map.of()),
                Map.entry("contact.exported", Map.of()), Map.entry("member.role_changed", Map.of("role", "admin")),
                Map.entry("ownership.transferred", Map.of()),
                Map.entry("policy.two_factor_required_changed", Map.of("required", "false")),
                Map.entry("policy.sso_required_changed", Map.of("required", "false")),
                Map.entry("key.rotated", Map.of()), Map.entry("key.shredded", Map.of()),
                Map.entry("api_token.created", Map.of()));
        firing.forEach((action, details) -> record(action, "fire-" + action + "-" + run, details));
        record("member.role_changed", "fire-owner-" + run, Map.of("role", "owner"));

        await(() -> targetsReceived(WEBHOOK, run).stream().filter(t -> t.startsWith("fire-")).count() == 12);
        pause(1500); // time for a wrongly raised alert to arrive too
        List<String> received = targetsReceived(WEBHOOK, run);
        assertThat(received).as("alerts raised").hasSize(12).allMatch(t -> t.startsWith("fire-"));
        for (AlertRule rule : AlertRule.values()) {
            if (rule != AlertRule.SIGN_IN_BURST) {
                assertThat(WEBHOOK
                    .requestsWith(r -> r.body().contains("\"rule\":\"" + rule.key() + "\"") && r.body().contains(run)))
                    .as(rule.key())
                    .isNotEmpty();
            }
        }
    }

    @Test
    void aBurstOfFailedSignInsRaisesOneAlertPerWindow() {
        record("sign_in.failed", "burst-1", Map.of());
        record("sign_in.failed", "burst-2", Map.of());
        pause(1000);
        assertThat(alertsOf(AlertRule.SIGN_IN_BURST)).as("below the burst size").isZero();
        for (int i = 3; i <= 7; i++) {
            record("sign_in.failed", "burst-" + i, Map.of());
        }
        await(() -> alertsOf(AlertRule.SIGN_IN_BURST) >= 1);
        pause(1000);
        assertThat(alertsOf(AlertRule.SIGN_IN_BURST)).as("one alert for the window").isEqualTo(1);
        await(() -> !WEBHOOK
            .requestsWith(r -> r.body().contains("\"rule\":\"sign_in_burst\"")
                    && r.body().contains(owner.workspaceId().toString()))
            .isEmpty());
    }

    @Test
    void aRuleSwitchedOffRaisesNothingAndCanBeSwitchedOnAgain() {
        alerts.setRule(grants, AlertRule.KEY_ROTATED, false);
        assertThat(alerts.rules(grants)).contains(new AlertManagement.RuleState(AlertRule.KEY_ROTATED, false),
                new AlertManagement.RuleState(AlertRule.KEY_SHREDDED, true));
        String run = UUID.randomUUID().toString();
        record("key.rotated", "off-" + run, Map.of());
        record("key.shredded", "on-" + run, Map.of());
        await(() -> targetsReceived(WEBHOOK, run).contains("on-" + run));
        pause(1000);
        assertThat(targetsReceived(WEBHOOK, run)).containsExactly("on-" + run);

        alerts.setRule(grants, AlertRule.KEY_ROTATED, true);
        record("key.rotated", "again-" + run, Map.of());
        await(() -> targetsReceived(WEBHOOK, run).contains("again-" + run));
    }

    @Test
    void theSignedWebhookCarriesATimestampAndAnHmacTheReceiverVerifies() {
        String target = "signed-" + UUID.randomUUID();
        long committed = record("workspace.exported", target, Map.of("format", "json"));
        await(() -> !WEBHOOK.requestsWith(r -> r.body().contains(target)).isEmpty());
        Receiver.Request request = WEBHOOK.requestsWith(r -> r.body().contains(target)).getFirst();
        System.out.printf(
                "alert delivery: the signed webhook received the alert %d ms after the audit entry " + "committed%n",
                request.receivedAtMillis() - committed);

        String timestamp = request.header("Confidant-Timestamp");
        String signature = request.header("Confidant-Signature");
        assertThat(signature).startsWith("v1=").hasSize(3 + 64);
        assertThat(ReceiverCheck.accepts(secret, timestamp, request.body(), signature, Instant.now())).isTrue();
        // what a receiver refuses: another secret, a changed body or timestamp, a replay
        // five minutes later
        assertThat(ReceiverCheck.accepts("whsec_other", timestamp, request.body(), signature, Instant.now())).isFalse();
        assertThat(ReceiverCheck.accepts(secret, timestamp, request.body().replace("json", "csv"), signature,
                Instant.now()))
            .isFalse();
        assertThat(ReceiverCheck.accepts(secret, Long.toString(Long.parseLong(timestamp) + 1), request.body(),
                signature, Instant.now()))
            .isFalse();
        assertThat(ReceiverCheck.accepts(secret, timestamp, request.body(), signature, Instant.now().plusSeconds(301)))
            .isFalse();

        JsonNode body = json.readTree(request.body());
        assertThat(body.get("action").asString()).isEqualTo("workspace.exported");
        assertThat(body.get("workspaceId").asString()).isEqualTo(owner.workspaceId().toString());
        assertThat(body.get("workspaceName").asString()).startsWith("Workspace ");
        assertThat(body.get("actorLabel").asString()).isEqualTo(owner.email());
        assertThat(body.get("link").asString()).endsWith("/app/audit");
        assertThat(request.header("Confidant-Delivery")).isNotBlank();
        assertThat(request.body()).doesNotContain(secret);
    }

    @Test
    void theSlackWebhookGetsItsTextAndTheEmailArrivesBySmtp() throws Exception {
        alerts.addSlackWebhook(grants, SLACK.url());
        String address = "security-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        alerts.addEmail(grants, address);
        String target = "channels-" + UUID.randomUUID();
        record("api_token.created", target, Map.of("name", "ci"));

        await(() -> !SLACK.requestsWith(r -> r.body().contains(target)).isEmpty());
        JsonNode slack = json.readTree(SLACK.requestsWith(r -> r.body().contains(target)).getFirst().body());
        assertThat(slack.propertyNames()).containsExactly("text");
        assertThat(slack.get("text").asString()).contains("An API token was created")
            .contains(owner.email())
            .contains("api_token.created on " + target)
            .contains("/app/audit");

        await(() -> mailTo(address) != null);
        MimeMessage mail = mailTo(address);
        assertThat(mail.getSubject()).isEqualTo("[Confidant] An API token was created in "
                + context.getBean(WorkspaceManagement.class).find(owner.workspaceId()).orElseThrow().name());
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@confidant.test");
        assertThat(mail.getContent().toString()).contains("By: " + owner.email())
            .contains(target)
            .contains("Audit log: ");
        await(() -> alerts.recentDeliveries(grants)
            .stream()
            .filter(d -> d.status() == DeliveryStatus.DELIVERED)
            .count() == 3);
    }

    @Test
    void targetsSecretsAndAlertTextsAreStoredOnlyAsCiphertexts() {
        String slackUrl = SLACK.url() + "/T000/B000/slack-secret-path";
        alerts.addSlackWebhook(grants, slackUrl);
        String target = "stored-" + UUID.randomUUID();
        record("ownership.transferred", target, Map.of());
        await(() -> !WEBHOOK.requestsWith(r -> r.body().contains(target)).isEmpty());
        List<byte[]> stored = new ArrayList<>();
        stored.addAll(jdbc.sql("select target from alert_channel where workspace_id = ?")
            .param(owner.workspaceId().value())
            .query(byte[].class)
            .list());
        stored.addAll(jdbc.sql("select secret from alert_channel where workspace_id = ? and secret is not null")
            .param(owner.workspaceId().value())
            .query(byte[].class)
            .list());
        stored.addAll(jdbc.sql("select content from alert where workspace_id = ?")
            .param(owner.workspaceId().value())
            .query(byte[].class)
            .list());
        assertThat(stored).hasSizeGreaterThanOrEqualTo(4);
        for (byte[] value : stored) {
            String raw = new String(value, StandardCharsets.ISO_8859_1);
            for (String plaintext : List.of("slack-secret-path", "127.0.0.1", secret, target, owner.email())) {
                assertThat(raw).doesNotContain(plaintext);
            }
        }
    }

    @Test
    void aReceiverAnswering500IsRetriedUntilDelivered() {
        AlertChannelId flaky = alerts.addSignedWebhook(grants, FLAKY.url()).channel().id();
        FLAKY.answer(500, 500);
        String target = "retry-" + UUID.randomUUID();
        record("contact.erased", target, Map.of());
        await(() -> deliveryTo(flaky).status() == DeliveryStatus.DELIVERED);
        AlertDelivery delivery = deliveryTo(flaky);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastError()).isNull();
        assertThat(delivery.deliveredAt()).isNotNull();
        assertThat(FLAKY.requestsWith(r -> r.body().contains(target))).hasSize(3);
        DashboardSession browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        assertThat(browser.get("/app/alerts").body()).contains("<td class=\"delivery-status\">delivered</td>");
    }

    @Test
    void aDeadChannelLeavesTheActionCommittedAndTheOtherChannelsDelivered() {
        alerts.addSignedWebhook(grants, "http://127.0.0.1:" + DEAD_PORT + "/hook");
        String target = "dead-" + UUID.randomUUID();
        var inbox = transactions.execute(status -> {
            var created = context.getBean(InboxManagement.class).create(grants, "dead-channel.example");
            events.publishEvent(entry(owner.workspaceId(), "workspace.exported", target, Map.of()));
            return created;
        });
        assertThat(context.getBean(InboxManagement.class).find(owner.workspaceId(), inbox.id())).isPresent();
        await(() -> !WEBHOOK.requestsWith(r -> r.body().contains(target)).isEmpty());
        await(() -> alerts.recentDeliveries(grants).stream().anyMatch(d -> d.status() == DeliveryStatus.FAILED));
        AlertDelivery dead = alerts.recentDeliveries(grants)
            .stream()
            .filter(d -> d.status() == DeliveryStatus.FAILED)
            .findFirst()
            .orElseThrow();
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("127.0.0.1:" + DEAD_PORT);
    }

    @Test
    void redirectsAreNotFollowed() {
        AlertChannelId redirecting = alerts.addSignedWebhook(grants, REDIRECTING.url()).channel().id();
        REDIRECTING.redirectTo(REDIRECTED_TO.url());
        REDIRECTING.answer(302, 302, 302);
        String target = "redirect-" + UUID.randomUUID();
        record("key.shredded", target, Map.of());
        await(() -> deliveryTo(redirecting).status() == DeliveryStatus.FAILED);
        assertThat(deliveryTo(redirecting).lastError()).contains("redirects are not followed");
        assertThat(REDIRECTING.requestsWith(r -> r.body().contains(target))).hasSize(3);
        assertThat(REDIRECTED_TO.requests()).isEmpty();
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedAtSendTime() {
        Member other = fixtures.workspaceWithOwner();
        Grants otherGrants = fixtures.grants(other);
        // accepted when configured (a name), refused when sent: it resolves to 127.0.0.1,
        // and only the literal
        // 127.0.0.1:port is allowlisted
        alerts.addSignedWebhook(otherGrants, "https://localhost:" + WEBHOOK.port() + "/hook");
        String target = "rebind-" + UUID.randomUUID();
        transactions.executeWithoutResult(
                s -> events.publishEvent(entry(other.workspaceId(), "key.rotated", target, Map.of())));
        await(() -> alerts.recentDeliveries(otherGrants).stream().anyMatch(d -> d.lastError() != null));
        assertThat(alerts.recentDeliveries(otherGrants).getFirst().lastError())
            .contains("localhost resolves to the loopback address");
        assertThat(WEBHOOK.requestsWith(r -> r.body().contains(target))).isEmpty();
    }

    @Test
    void anEntryOfAnotherWorkspaceCommittedWhileTheThreadActsInOneStillRaisesItsAlert() {
        // as when a member's second-factor change, made in their workspace, revokes their
        // tokens in another one
        Member other = fixtures.workspaceWithOwner();
        alerts.addSignedWebhook(fixtures.grants(other), OTHER_WORKSPACE.url());
        String theirs = "cross-" + UUID.randomUUID();
        Tenancy.run(owner.workspaceId(), () -> transactions
            .executeWithoutResult(s -> Tenancy.system("the test's cross-workspace path",
                    () -> events.publishEvent(entry(other.workspaceId(), "workspace.exported", theirs, Map.of())))));
        await(() -> !OTHER_WORKSPACE.requestsWith(r -> r.body().contains(theirs)).isEmpty());
        assertThat(WEBHOOK.requestsWith(r -> r.body().contains(theirs))).isEmpty();
        // delivered by the attempt made at once, not by a retry after the first one
        // failed to enter the entry's workspace from the committing thread's
        assertThat(Tenancy.system("the test reads another workspace's deliveries",
                () -> jdbc.sql("select attempts from alert_delivery where workspace_id = ?")
                    .param(other.workspaceId().value())
                    .query(Integer.class)
                    .list()))
            .containsExactly(1);
    }

    @Test
    void aWorkspacesChannelsNeverReceiveAnothersAlertsAndForeignChannelsAreNotFound() {
        Member other = fixtures.workspaceWithOwner();
        Grants otherGrants = fixtures.grants(other);
        alerts.addSignedWebhook(otherGrants, OTHER_WORKSPACE.url());
        AlertChannelId foreign = alerts.channels(otherGrants).getFirst().id();
        String mine = "mine-" + UUID.randomUUID();
        String theirs = "theirs-" + UUID.randomUUID();
        record("workspace.exported", mine, Map.of());
        transactions.executeWithoutResult(
                s -> events.publishEvent(entry(other.workspaceId(), "workspace.exported", theirs, Map.of())));
        await(() -> !WEBHOOK.requestsWith(r -> r.body().contains(mine)).isEmpty()
                && !OTHER_WORKSPACE.requestsWith(r -> r.body().contains(theirs)).isEmpty());
        pause(1000);
        assertThat(WEBHOOK.requestsWith(r -> r.body().contains(theirs))).isEmpty();
        assertThat(OTHER_WORKSPACE.requestsWith(r -> r.body().contains(mine))).isEmpty();
        assertThat(alerts.recentDeliveries(grants)).allMatch(d -> !d.channelId().equals(foreign));

        assertThatThrownBy(() -> alerts.removeChannel(grants, foreign)).isInstanceOf(NotFound.class);
        DashboardSession browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        browser.get("/app/alerts");
        assertThat(browser.post("/app/alerts/channels/" + foreign + "/remove", Map.of()).statusCode()).isEqualTo(404);
        assertThat(alerts.channels(otherGrants)).hasSize(1);
    }

    @Test
    void everyAttackSpellingIsRefusedOnThePageWithA400AndNothingIsStored() {
        DashboardSession browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        browser.get("/app/alerts");
        long before = channelRows();
        List<String> accepted = new ArrayList<>();
        for (String url : OutboundUrlGuardTests.ATTACKS) {
            for (String kind : List.of("SIGNED_WEBHOOK", "SLACK")) {
                HttpResponse<String> response = browser.post("/app/alerts/channels",
                        Map.of("kind", kind, "target", url));
                if (response.statusCode() != 400 || !response.body().contains("class=\"error\"")) {
                    accepted.add(kind + " " + url + ": " + response.statusCode());
                }
            }
        }
        assertThat(accepted).isEmpty();
        assertThat(channelRows()).isEqualTo(before);
        assertThat(browser.post("/app/alerts/channels", Map.of("kind", "EMAIL", "target", "not-an-email")).statusCode())
            .isEqualTo(400);
        for (String kind : List.of("SIGNED_WEBHOOK", "SLACK")) {
            HttpResponse<String> notAllowed = browser.post("/app/alerts/channels",
                    Map.of("kind", kind, "target", "https://hooks.nobody-allowed.example/confidant"));
            assertThat(notAllowed.statusCode()).as(kind).isEqualTo(400);
            assertThat(notAllowed.body()).as(kind)
                .contains("hooks.nobody-allowed.example", "confidant.egress.allowed-hosts");
        }
        assertThat(channelRows()).isEqualTo(before);
        HttpResponse<String> added = browser.post("/app/alerts/channels",
                Map.of("kind", "SIGNED_WEBHOOK", "target", "https://hooks.example.com/confidant"));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("id=\"signing-secret\"").contains("https://hooks.example.com/…");
        assertThat(channelRows()).isEqualTo(before + 1);
    }

    @Test
    void thePageAndItsLinkAreForMembersWhoManageSecurity() {
        Member agent = fixtures.agent(owner, "Alert Agent");
        DashboardSession ownerBrowser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        DashboardSession agentBrowser = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        assertThat(ownerBrowser.get("/app/members").body()).contains("href=\"/app/alerts\"");
        assertThat(agentBrowser.get("/app/members").body()).doesNotContain("/app/alerts");
        assertThat(agentBrowser.get("/app/alerts").statusCode()).isEqualTo(403);
        HttpResponse<String> page = ownerBrowser.get("/app/alerts");
        assertThat(page.body()).contains("A member was made owner or admin")
            .contains("127.0.0.1:" + WEBHOOK.port())
            .doesNotContain(secret);
        assertThat(ownerBrowser.post("/app/alerts/test", Map.of()).body()).contains("A test alert is on its way");
        await(() -> !WEBHOOK
            .requestsWith(r -> r.body().contains("\"test\":true") && r.body().contains(owner.workspaceId().toString()))
            .isEmpty());
    }

    // --- helpers

    /**
     * Publishes an audit entry of the owner's workspace inside a transaction, as the
     * audit module does; returns the time it committed.
     */
    private long record(String action, String target, Map<String, String> details) {
        transactions
            .executeWithoutResult(s -> events.publishEvent(entry(owner.workspaceId(), action, target, details)));
        return System.currentTimeMillis();
    }

    private AuditEntryRecorded entry(WorkspaceId workspace, String action, String target, Map<String, String> details) {
        AuditActor actor = owner.workspaceId().equals(workspace) ? AuditActor.member(owner.id(), owner.email())
                : AuditActor.system();
        return new AuditEntryRecorded(workspace, System.nanoTime(), Instant.now(), action, actor, target,
                AuditOutcome.SUCCESS, details);
    }

    private List<String> targetsReceived(Receiver receiver, String run) {
        return receiver.requestsWith(r -> r.body().contains(run))
            .stream()
            .map(r -> json.readTree(r.body()).get("target").asString())
            .toList();
    }

    private AlertDelivery deliveryTo(AlertChannelId channel) {
        return alerts.recentDeliveries(grants)
            .stream()
            .filter(d -> d.channelId().equals(channel))
            .findFirst()
            .orElse(new AlertDelivery(null, channel, ChannelKind.SIGNED_WEBHOOK, "", DeliveryStatus.PENDING, 0, null,
                    null, null, null));
    }

    private long alertsOf(AlertRule rule) {
        return jdbc.sql("select count(*) from alert where workspace_id = ? and rule = ?")
            .params(owner.workspaceId().value(), rule.key())
            .query(Long.class)
            .single();
    }

    private long channelRows() {
        return jdbc.sql("select count(*) from alert_channel where workspace_id = ?")
            .param(owner.workspaceId().value())
            .query(Long.class)
            .single();
    }

    private static MimeMessage mailTo(String address) {
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(address)) {
                    return message;
                }
            }
            catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return null;
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 60 s");
            }
            pause(50);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

}
