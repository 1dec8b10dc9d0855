package org.confidant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard over real HTTP: sign-in, inboxes and their snippet, invitations,
 * conversation pages, and refusals.
 */
@IntegrationTest
class DashboardIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final Pattern INVITATION = Pattern.compile("/invite\\?token=([A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    InboxManagement inboxes;

    @Autowired
    ContactManagement contacts;

    @Autowired
    ConversationManagement conversations;

    Member owner;

    DashboardSession browser;

    @BeforeEach
    void signedInOwner() {
        owner = fixtures.workspaceWithOwner();
        browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
    }

    @Test
    void signingInIssuesANewSessionIdAndTheOldOneOpensNothing() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession browser = DashboardSession.anonymous(port);
        browser.get("/login");
        String before = browser.cookie();
        assertThat(before).as("the sign-in page's session, for its CSRF token").isNotNull();

        assertThat(browser.attemptSignIn(owner.email(), Fixtures.PASSWORD)).startsWith("/app/conversations");
        assertThat(browser.cookie()).isNotEqualTo(before);
        assertThat(browser.get("/app/conversations").statusCode()).isEqualTo(200);
        DashboardSession fixated = DashboardSession.withCookie(port, before);
        assertThat(fixated.get("/app/conversations").statusCode()).as("the id from before sign-in").isEqualTo(302);
    }

    @Test
    void withoutAnSmtpServerThePasswordResetPageSaysSoAndNoLinkIsIssued() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession anonymous = DashboardSession.anonymous(port);
        assertThat(anonymous.get("/login").body()).contains("id=\"forgot-password\"");
        assertThat(anonymous.get("/login/reset").body()).contains("id=\"reset-unavailable\"")
            .doesNotContain("name=\"email\"");
        HttpResponse<String> asked = anonymous.post("/login/reset", Map.of("email", owner.email()));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("id=\"reset-unavailable\"");
        assertThat(context.getBean(JdbcClient.class)
            .sql("select count(*) from password_reset where account_id = ?")
            .param(owner.accountId().value())
            .query(Long.class)
            .single()).isZero();
    }

    @Test
    void pagesNeedASignInAndWrongCredentialsAllReadTheSame() {
        DashboardSession anonymous = DashboardSession.anonymous(port);
        HttpResponse<String> page = anonymous.get("/app/conversations");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        anonymous.get("/login");
        String wrongPassword = anonymous
            .post("/login", Map.of("username", owner.email(), "password", "not the password"))
            .headers()
            .firstValue("Location")
            .orElseThrow();
        anonymous.get("/login");
        String unknownEmail = anonymous
            .post("/login", Map.of("username", "nobody@example.com", "password", "whatever it is"))
            .headers()
            .firstValue("Location")
            .orElseThrow();
        assertThat(wrongPassword).endsWith("/login?error").isEqualTo(unknownEmail);
    }

    @Test
    void theOwnerCreatesAnInboxAndGetsItsAsyncEmbedSnippetAndDemoPage() {
        browser.get("/app/inboxes");
        HttpResponse<String> created = browser.post("/app/inboxes", Map.of("name", "shop.example"));
        assertThat(created.statusCode()).isEqualTo(302);
        String install = created.headers().firstValue("Location").orElseThrow();
        String inboxId = install.replaceAll(".*/app/inboxes/([0-9a-f-]{36})/install$", "$1");

        String page = browser.get("/app/inboxes/" + inboxId + "/install").body();
        String loader = Pattern.quote("http://127.0.0.1:" + port + "/widget/loader.") + "[0-9a-f]{16}\\.js";
        assertThat(page).containsPattern("&lt;script async src=&quot;" + loader
                + "&quot; integrity=&quot;sha384-[A-Za-z0-9+/]{64}&quot; crossorigin=&quot;anonymous&quot; "
                + "data-confidant-inbox=&quot;" + inboxId + "&quot;&gt;&lt;/script&gt;");
        assertThat(browser.get("/app/inboxes").body()).contains("shop.example");

        HttpResponse<String> demo = DashboardSession.anonymous(port).get("/demo/" + inboxId);
        assertThat(demo.statusCode()).isEqualTo(200);
        assertThat(demo.body()).containsPattern("<script async src=\"" + loader
                + "\" crossorigin=\"anonymous\" integrity=\"sha384-[A-Za-z0-9+/]{64}\" data-confidant-inbox=\""
                + inboxId + "\"></script>");
    }

    @Test
    void badInboxInputIsRefusedAndNothingIsCreated() {
        browser.get("/app/inboxes");
        HttpResponse<String> blank = browser.post("/app/inboxes", Map.of("name", "   "));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("An inbox name has 1 to 120 characters.");
        assertThat(browser.post("/app/inboxes", Map.of("name", "x".repeat(121))).statusCode()).isEqualTo(400);

        HttpResponse<String> noCsrf = browser.postRaw("/app/inboxes", Map.of("name", "forged.example"));
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(inboxes.list(owner.workspaceId())).isEmpty();
    }

    @Test
    void anotherWorkspacesObjectsAnswerNotFound() {
        Member stranger = fixtures.workspaceWithOwner();
        Inbox foreignInbox = inboxes.create(fixtures.grants(stranger), "theirs.example");
        Contact foreignVisitor = contacts.createVisitor(stranger.workspaceId(), foreignInbox.id(), "203.0.113.7");
        ConversationId foreign = conversations
            .postFromVisitor(stranger.workspaceId(), foreignInbox.id(), foreignVisitor.id(), "m1", "their secret")
            .message()
            .conversationId();

        assertThat(browser.get("/app/inboxes/" + foreignInbox.id() + "/install").statusCode()).isEqualTo(404);
        HttpResponse<String> thread = browser.get("/app/conversations/" + foreign);
        assertThat(thread.statusCode()).isEqualTo(404);
        assertThat(thread.body()).doesNotContain("their secret");
        assertThat(browser.get("/app/conversations/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
        assertThat(browser.get("/app/conversations/not-an-id").statusCode()).isEqualTo(400);

        browser.get("/app/conversations");
        assertThat(browser.post("/app/conversations/" + foreign + "/resolve", Map.of()).statusCode()).isEqualTo(404);
        assertThat(browser.post("/app/conversations/" + foreign + "/assign", Map.of()).statusCode()).isEqualTo(404);
        assertThat(conversations.find(stranger.workspaceId(), foreign).orElseThrow().assignee()).isNull();
        assertThat(browser.get("/app/conversations?filter=open").body()).doesNotContain("their secret");
    }

    @Test
    void theThreadShowsWhatVisitorsTypeAsTextAndTheActionsWork() {
        Inbox inbox = inboxes.create(fixtures.grants(owner), "shop.example");
        Contact visitor = contacts.createVisitor(owner.workspaceId(), inbox.id(), "203.0.113.7");
        String payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        ConversationId id = conversations.postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), "m1", payload)
            .message()
            .conversationId();

        String list = browser.get("/app/conversations").body();
        assertThat(list).contains(visitor.displayName()).contains("class=\"badge\"");
        String page = browser.get("/app/conversations/" + id).body();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
            .doesNotContain("<script>alert(1)")
            .doesNotContain("<img src=x");
        assertThat(browser.get("/app/conversations/list?filter=open").body()).as("opening the thread marked it read")
            .doesNotContain("class=\"badge\"");

        assertThat(browser.post("/app/conversations/" + id + "/assign?filter=open", Map.of()).statusCode())
            .isEqualTo(302);
        assertThat(browser.get("/app/conversations/list?filter=mine").body()).contains(id.toString());
        browser.get("/app/conversations/" + id);
        assertThat(browser.post("/app/conversations/" + id + "/resolve?filter=open", Map.of()).statusCode())
            .isEqualTo(302);
        assertThat(browser.get("/app/conversations/list?filter=open").body()).doesNotContain(id.toString());
        assertThat(browser.get("/app/conversations/list?filter=resolved").body()).contains(id.toString());

        HttpResponse<String> badFilter = browser.get("/app/conversations?filter=everything");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void agentsRecordContactDetailsWhichAreShownAsTextAndRefusedWhenMalformed() {
        Inbox inbox = inboxes.create(fixtures.grants(owner), "shop.example");
        Contact visitor = contacts.createVisitor(owner.workspaceId(), inbox.id(), "203.0.113.7");
        ConversationId id = conversations.postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), "m1", "hi")
            .message()
            .conversationId();
        browser.get("/app/conversations/" + id);

        HttpResponse<String> saved = browser.post("/app/conversations/" + id + "/contact", Map.of("displayName",
                "<img src=x onerror=alert(1)>", "email", "Ada@Example.com", "phone", "+41 79 555 01 02"));
        assertThat(saved.statusCode()).isEqualTo(302);
        String page = browser.get("/app/conversations/" + id).body();
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;")
            .doesNotContain("<img src=x")
            .contains("ada@example.com")
            .contains("+41 79 555 01 02")
            .contains("203.0.113.0/24") // what the workspace's IP mode keeps: truncated
                                        // by default
            .doesNotContain("203.0.113.7");
        assertThat(contacts.findByEmail(owner.workspaceId(), "ada@example.com")).extracting(Contact::id)
            .containsExactly(visitor.id());

        browser.post("/app/conversations/" + id + "/contact",
                Map.of("displayName", "Ada", "email", "not an email", "phone", ""));
        assertThat(browser.get("/app/conversations/" + id).body()).contains("does not look like an email address");
        assertThat(contacts.find(owner.workspaceId(), visitor.id()).orElseThrow().email()).isEqualTo("ada@example.com");

        Member stranger = fixtures.workspaceWithOwner();
        DashboardSession other = DashboardSession.signIn(port, stranger.email(), Fixtures.PASSWORD);
        other.get("/app/conversations");
        assertThat(other
            .post("/app/conversations/" + id + "/contact", Map.of("displayName", "Hijacked", "email", "", "phone", ""))
            .statusCode()).isEqualTo(404);
        assertThat(contacts.find(owner.workspaceId(), visitor.id()).orElseThrow().displayName())
            .isEqualTo("<img src=x onerror=alert(1)>");
    }

    @Test
    void anInvitationLinkWorksOnceAndBringsInAnAgent() {
        browser.get("/app/members");
        HttpResponse<String> invited = browser.post("/app/members/invitations", Map.of());
        assertThat(invited.statusCode()).isEqualTo(200);
        Matcher link = INVITATION.matcher(invited.body());
        assertThat(link.find()).isTrue();
        String token = link.group(1);

        DashboardSession invitee = DashboardSession.anonymous(port);
        assertThat(invitee.get("/invite?token=" + token).body()).contains("Join");
        HttpResponse<String> weak = invitee.post("/invite", Map.of("token", token, "displayName", "Ann Agent", "email",
                "ann-" + token.substring(0, 6).toLowerCase() + "@example.com", "password", "short"));
        assertThat(weak.statusCode()).isEqualTo(400);
        HttpResponse<String> common = invitee.post("/invite", Map.of("token", token, "displayName", "Ann Agent",
                "email", "ann-" + token.substring(0, 6).toLowerCase() + "@example.com", "password", "Password1234"));
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(common.body()).contains("commonly used passwords");
        String email = "ann-" + Integer.toHexString(token.hashCode()) + "@example.com";
        HttpResponse<String> joined = invitee.post("/invite",
                Map.of("token", token, "displayName", "Ann Agent", "email", email, "password", Fixtures.PASSWORD));
        assertThat(joined.headers().firstValue("Location").orElseThrow()).as("signed in on joining")
            .endsWith("/app/conversations");
        assertThat(DashboardSession.anonymous(port).get("/invite?token=" + token).statusCode()).isEqualTo(404);

        DashboardSession agent = DashboardSession.signIn(port, email, Fixtures.PASSWORD);
        assertThat(agent.get("/app/members").body()).contains("Ann Agent")
            .contains(owner.displayName())
            .doesNotContain("Create invitation link");
        agent.get("/app/members");
        assertThat(agent.post("/app/members/invitations", Map.of()).statusCode()).as("agents cannot invite")
            .isEqualTo(403);
        agent.get("/app/conversations");
        assertThat(agent.post("/app/inboxes", Map.of("name", "agent.example")).statusCode()).isEqualTo(403);
        assertThat(inboxes.list(owner.workspaceId())).extracting(Inbox::name).doesNotContain("agent.example");
    }

    @Test
    void anExistingAccountJoinsOnlyWithItsPassword() {
        Member elsewhere = fixtures.workspaceWithOwner();
        browser.get("/app/members");
        Matcher link = INVITATION.matcher(browser.post("/app/members/invitations", Map.of()).body());
        assertThat(link.find()).isTrue();
        DashboardSession invitee = DashboardSession.anonymous(port);
        invitee.get("/invite?token=" + link.group(1));

        HttpResponse<String> wrong = invitee.post("/invite", Map.of("token", link.group(1), "displayName", "X", "email",
                elsewhere.email(), "password", "a wrong password here"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        HttpResponse<String> right = invitee.post("/invite", Map.of("token", link.group(1), "displayName", "X", "email",
                elsewhere.email(), "password", Fixtures.PASSWORD));
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(browser.get("/app/members").body()).contains(elsewhere.email());
    }

    @Test
    void dashboardAndWidgetResponsesCarryTheirSecurityHeaders() {
        HttpResponse<String> page = browser.get("/app/conversations");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
            .contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                    "frame-ancestors 'none'", "form-action 'self'")
            .doesNotContain("unsafe-inline")
            .doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

        Inbox live = fixtures.liveInbox(owner, "headers.example");
        HttpResponse<String> frame = DashboardSession.anonymous(port).get("/widget/frame?inbox=" + live.id());
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(frame.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
            .doesNotContain("unsafe-inline");
        assertThat(frame.headers().allValues("Set-Cookie")).as("the widget sets no cookie").isEmpty();
    }

}
