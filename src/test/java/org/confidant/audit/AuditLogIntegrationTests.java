package org.confidant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.access.AccessManagement;
import org.confidant.access.ConversationScope;
import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.SystemScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log over real HTTP: what each recorded action writes (actor, target, outcome,
 * source address, user agent), reads recorded once per session and window, and secrets
 * sent through every recorded action found nowhere in the stored log.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest(profiles = "quotas")
class AuditLogIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final Pattern INVITATION = Pattern.compile("/invite\\?token=([A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessManagement access;

    record Row(String action, String actorKind, String actorId, String actorLabel, String target, String outcome,
            String sourceIp, String userAgent, String details) {
    }

    @Test
    void secretsSentThroughEveryRecordedActionAreNowhereInTheStoredLog() {
        String userAgentSecret = "sk_live_" + UUID.randomUUID().toString().replace("-", "") + "Z9";
        String wrongPassword = "Wr0ng-secret-passw0rd " + UUID.randomUUID();
        String messageBody = "my card is 4111 1111 1111 1111 and secret " + UUID.randomUUID();
        String contactEmail = "visitor-" + UUID.randomUUID() + "@private.example";

        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Audited Agent");
        Member colleague = fixtures.agent(owner, "Colleague");
        Inbox inbox = context.getBean(InboxManagement.class).create(fixtures.grants(owner), "audited.example");
        var visitor = context.getBean(ContactManagement.class)
            .createVisitor(owner.workspaceId(), inbox.id(), "192.0.2.44");
        context.getBean(ContactManagement.class)
            .updateDetails(owner.workspaceId(), visitor.id(), owner.id(), "Vera Visitor", contactEmail,
                    "+44 20 7946 0000");
        ConversationId conversation = context.getBean(ConversationManagement.class)
            .postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), "m-" + UUID.randomUUID(), messageBody)
            .message()
            .conversationId();

        // sign-ins: a success (with a browser whose user agent carries a token), a
        // failure, an unknown email
        DashboardSession browser = DashboardSession.anonymous(port)
            .userAgent("Mozilla/5.0 (X11; Linux x86_64) " + "Chrome/120.0.6099.109 " + userAgentSecret);
        assertThat(browser.attemptSignIn(owner.email(), Fixtures.PASSWORD)).doesNotContain("error");
        assertThat(DashboardSession.anonymous(port).attemptSignIn(owner.email(), wrongPassword)).contains("error");
        long before = totalEntries();
        assertThat(DashboardSession.anonymous(port)
            .attemptSignIn("nobody-" + UUID.randomUUID() + "@example.com", wrongPassword)).contains("error");
        assertThat(totalEntries()).as("an email no account has is recorded in no workspace").isEqualTo(before);

        // member changes, over HTTP and through the service
        browser.get("/app/members");
        HttpResponse<String> invited = browser.post("/app/members/invitations", Map.of("role", "AGENT"));
        Matcher link = INVITATION.matcher(invited.body());
        assertThat(link.find()).isTrue();
        String invitationToken = link.group(1);
        browser.get("/app/members/" + agent.id());
        assertThat(browser.post("/app/members/" + agent.id() + "/role", Map.of("role", "MANAGER")).statusCode())
            .isEqualTo(302);
        var ownerGrants = fixtures.grants(owner);
        access.setOverride(ownerGrants, agent.id(), Permission.CONTACTS_EDIT, false);
        access.setScope(ownerGrants, agent.id(), ConversationScope.ASSIGNED);
        fixtures.joinInbox(owner, inbox.id(), agent);

        // reads: twice in one session is one entry per object; another session records
        // again
        browser.get("/app/conversations/" + conversation);
        browser.get("/app/conversations/" + conversation);
        DashboardSession second = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        second.get("/app/conversations/" + conversation);

        // an export, an admin ending a member's sessions, a throttle, ownership, removal,
        // a sign-out
        HttpResponse<String> export = browser.get("/app/audit/export?format=jsonl&action=sign_in.succeeded");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body().lines()).hasSize(2).allMatch(line -> line.contains("\"sign_in.succeeded\""));
        DashboardSession agentBrowser = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        browser.get("/app/members/" + agent.id());
        assertThat(browser.post("/app/members/" + agent.id() + "/sessions", Map.of()).statusCode()).isEqualTo(302);
        for (int i = 0; i < 5; i++) {
            DashboardSession.anonymousFrom(port, "127.0.0." + (10 + i)).attemptSignIn(colleague.email(), wrongPassword);
        }
        access.transferOwnership(ownerGrants, agent.id());
        access.remove(fixtures.grants(owner), colleague.id());
        String sessionCookie = browser.cookie();
        browser.get("/app/members");
        assertThat(browser.post("/logout", Map.of()).statusCode()).isEqualTo(302);

        List<Row> rows = rows(owner.workspaceId());
        assertThat(rows).extracting(Row::action)
            .contains("sign_in.succeeded", "sign_in.failed", "sign_in.throttled", "member.invited",
                    "member.role_changed", "member.overrides_changed", "member.scope_changed", "member.inboxes_changed",
                    "conversation.read", "contact.read", "audit.exported", "session.revoked", "ownership.transferred",
                    "member.removed", "sign_out");
        Row signedIn = rows.stream().filter(r -> r.action().equals("sign_in.succeeded")).findFirst().orElseThrow();
        assertThat(signedIn)
            .extracting(Row::actorKind, Row::actorId, Row::actorLabel, Row::target, Row::outcome, Row::sourceIp)
            .containsExactly("MEMBER", owner.id().toString(), owner.email(), "member:" + owner.id(), "SUCCESS",
                    "127.0.0.0/24"); // the workspace's IP mode: truncated by default
        assertThat(signedIn.userAgent()).startsWith("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.6099.109")
            .contains(PrivacyFilter.WITHHELD);
        assertThat(rows)
            .filteredOn(r -> r.action().equals("sign_in.failed") && r.target().equals("member:" + owner.id()))
            .singleElement()
            .extracting(Row::actorKind, Row::target, Row::outcome)
            .containsExactly("ANONYMOUS", "member:" + owner.id(), "FAILURE");
        assertThat(rows).filteredOn(r -> r.action().equals("member.role_changed"))
            .singleElement()
            .extracting(Row::actorId, Row::target, Row::details, Row::sourceIp)
            .containsExactly(owner.id().toString(), "member:" + agent.id(), "{\"role\":\"manager\"}", "127.0.0.0/24");
        assertThat(rows).filteredOn(r -> r.action().equals("conversation.read"))
            .hasSize(2)
            .allMatch(r -> r.target().equals("conversation:" + conversation));
        assertThat(rows).filteredOn(r -> r.action().equals("contact.read"))
            .hasSize(2)
            .allMatch(r -> r.target().equals("contact:" + visitor.id()));
        assertThat(rows).filteredOn(r -> r.action().equals("session.revoked"))
            .singleElement()
            .extracting(Row::actorId, Row::target, Row::details)
            .containsExactly(owner.id().toString(), "member:" + agent.id(), "{\"cause\":\"revoked\"}");
        assertThat(rows).filteredOn(r -> r.action().equals("sign_out"))
            .singleElement()
            .extracting(Row::actorId, Row::details)
            .containsExactly(owner.id().toString(), "{\"cause\":\"signed_out\"}");
        assertThat(rows).filteredOn(r -> r.action().equals("sign_in.throttled"))
            .isNotEmpty()
            .allMatch(r -> r.target().equals("member:" + colleague.id()) && r.outcome().equals("DENIED"));
        assertThat(agentBrowser.get("/app/members").statusCode()).as("the revoked session").isEqualTo(302);

        String stored = everythingStored();
        for (String secret : List.of(Fixtures.PASSWORD, wrongPassword, invitationToken, messageBody, contactEmail,
                "+44 20 7946 0000", userAgentSecret, sessionCookie.substring(sessionCookie.indexOf('=') + 1))) {
            assertThat(stored).as("the stored log holds a secret").doesNotContain(secret);
        }
        assertThat(context.getBean(AuditLog.class).verify(owner.workspaceId()).intact()).isTrue();
    }

    @Test
    void malformedFiltersAndOversizeExportsAreRefusedWithAProblemAndRecordNothing() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        assertThat(browser.get("/app/audit").statusCode()).isEqualTo(200);
        long before = rows(owner.workspaceId()).size();
        for (String query : List.of("from=yesterday", "to=2026-13-45", "from=2026-02-01&to=2026-01-01",
                "action=DROP%20TABLE", "target=nonsense", "before=-3", "before=abc", "actor=" + "a".repeat(300))) {
            HttpResponse<String> page = browser.get("/app/audit?" + query);
            assertThat(page.statusCode()).as(query).isEqualTo(400);
            assertThat(page.body()).as(query).contains("\"code\":\"bad_filter\"");
            if (!query.startsWith("before")) {
                assertThat(browser.get("/app/audit/export?" + query).statusCode()).as(query).isEqualTo(400);
            }
        }
        assertThat(browser.get("/app/audit/export?format=xml").body()).contains("bad_format");
        for (int i = 0; i < 5; i++) {
            browser.get("/app/members");
            browser.post("/app/members/invitations", Map.of("role", "AGENT"));
        }
        long withInvitations = rows(owner.workspaceId()).size();
        HttpResponse<String> oversize = browser.get("/app/audit/export?format=csv");
        assertThat(oversize.statusCode()).isEqualTo(400);
        assertThat(oversize.body()).contains("export_too_large").contains("at most 5");
        assertThat(rows(owner.workspaceId())).hasSize((int) withInvitations);
        assertThat(withInvitations).isEqualTo(before + 5);

        HttpResponse<String> csv = browser.get("/app/audit/export?format=csv&action=member.invited&from=2020-01-01");
        assertThat(csv.body()).as("the filters narrow it enough: 5 lines and a header")
            .hasLineCount(6)
            .startsWith("sequence,time,actor_kind");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(rows(owner.workspaceId()).getLast().action()).isEqualTo("audit.exported");
    }

    @Test
    void theAuditPageIsForAuditReadersPagesByKeysetAndShowsTheVerification() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Not An Auditor");
        AuditLog log = context.getBean(AuditLog.class);
        for (int i = 0; i < 120; i++) {
            access.setScope(fixtures.grants(owner), agent.id(),
                    i % 2 == 0 ? ConversationScope.ASSIGNED : ConversationScope.INBOXES);
        }
        DashboardSession browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        String first = browser.get("/app/audit?action=member.").body();
        assertThat(first).contains("Audit").contains("member.scope_changed").contains("Older entries");
        List<AuditEntry> page1 = log.page(fixtures.grants(owner),
                AuditFilter.parse(null, "member.scope_changed", null, null, null), 0);
        List<AuditEntry> page2 = log.page(fixtures.grants(owner),
                AuditFilter.parse(null, "member.scope_changed", null, null, null), page1.getLast().sequence());
        List<AuditEntry> page3 = log.page(fixtures.grants(owner),
                AuditFilter.parse(null, "member.scope_changed", null, null, null), page2.getLast().sequence());
        assertThat(page1).hasSize(50);
        assertThat(page2).hasSize(50);
        assertThat(page3).hasSize(20);
        assertThat(page1.getFirst().sequence()).isGreaterThan(page1.getLast().sequence());
        assertThat(page2.getFirst().sequence()).isLessThan(page1.getLast().sequence());
        assertThat(browser.get("/app/audit/verification").body()).contains("Intact: ").contains("entries verified");

        DashboardSession agentBrowser = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        assertThat(agentBrowser.get("/app/conversations").body()).doesNotContain("/app/audit");
        assertThat(browser.get("/app/conversations").body()).contains("/app/audit");
        assertThat(agentBrowser.get("/app/audit").statusCode()).isEqualTo(403);
        assertThat(agentBrowser.get("/app/audit/export").statusCode()).isEqualTo(403);
    }

    private long totalEntries() {
        return jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
    }

    private List<Row> rows(WorkspaceId workspace) {
        return jdbc
            .sql("select action, actor_kind, actor_id, actor_label, target, outcome, source_ip, user_agent, "
                    + "details from audit_entry where workspace_id = ? order by sequence")
            .param(workspace.value())
            .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
            .list();
    }

    /**
     * Every column of every stored entry and chain head, as text (binary columns in hex
     * and as UTF-8).
     */
    private String everythingStored() {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("audit_entry", "audit_chain")) {
            jdbc.sql("select * from " + table).query(rs -> {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof byte[] bytes) {
                        all.append(HexFormat.of().formatHex(bytes))
                            .append('|')
                            .append(new String(bytes, StandardCharsets.UTF_8));
                    }
                    else {
                        all.append(value);
                    }
                    all.append('\n');
                }
            });
        }
        return all.toString();
    }

}
