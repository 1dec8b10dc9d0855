package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.inbox.IdentityTokenTestSamples.claims;
import static org.confidant.inbox.IdentityTokenTestSamples.hs256;
import static org.confidant.realtime.RealtimeTestSupport.checkError;
import static org.confidant.realtime.RealtimeTestSupport.helloFrame;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.access.AccessManagement;
import org.confidant.access.Permission;
import org.confidant.audit.AuditEntry;
import org.confidant.audit.AuditFilter;
import org.confidant.audit.AuditLog;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.VisitorIdentityTokens;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.tenancy.SystemScope;
import org.confidant.widget.VisitorTokenTestSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Blocking a visitor from the conversation page, attacked over the widget's socket and
 * HTTP: the visitor's open sockets are told {@code visitor_blocked} and closed, its token
 * opens nothing (hello is refused, uploads are 404), a verified contact's identity is
 * refused, new anonymous visitors from its last address are refused (another address is
 * not), and unblocking lifts all of it but the revoked tokens. Only members who may block
 * and read the conversation can; both actions are in the audit log. Visitors come from
 * their own loopback addresses (127.0.0.4x), so that the address block touches no other
 * test.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest
class VisitorBlockIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void blockingEndsTheVisitorsChatAndRefusesThemUntilUnblocked() throws Exception {
        Tenant tenant = newTenant(fixtures);
        TestSocket tab = TestSocket.visitorFrom(port, "127.0.0.41", Map.of());
        JsonNode welcome = hello(tab, tenant, null);
        String token = welcome.path("token").asString();
        ContactId contact = VisitorTokenTestSamples.contactOf(token);
        String conversation = sendForAck(tab, visitorSend("v-1", "Let me in")).path("conversation").asString();
        TestSocket otherTab = TestSocket.visitorFrom(port, "127.0.0.41", Map.of());
        assertThat(hello(otherTab, tenant, token).path("type").asString()).isEqualTo("welcome");
        HttpResponse<String> before = upload(token);
        assertThat(before.statusCode()).as("an upload before the block").isEqualTo(200);
        String uploaded = JSON.readTree(before.body()).path("id").asString();
        // another visitor of the same inbox, from elsewhere, is not concerned
        TestSocket bystander = TestSocket.visitorFrom(port, "127.0.0.42", Map.of());
        hello(bystander, tenant, null);

        DashboardSession owner = DashboardSession.signIn(port, tenant.owner().email(), Fixtures.PASSWORD);
        owner.get("/app/conversations/" + conversation);
        HttpResponse<String> blocked = owner.post("/app/conversations/" + conversation + "/contact/block", Map.of());
        assertThat(blocked.statusCode()).isEqualTo(302);

        // both tabs are told why, then closed; the bystander's socket goes on
        for (TestSocket socket : List.of(tab, otherTab)) {
            checkError(socket.next("error"), "visitor_blocked");
            assertThat(socket.awaitCloseCode(CLOSE_WITHIN)).isEqualTo(4403);
        }
        assertThat(RealtimeTestSupport.barrier(bystander)).isEmpty();
        assertThat(sessionsOf(tenant, contact)).as("the contact's sessions are revoked").isZero();

        // its token opens nothing; a refusal stores nothing and leaves the socket usable
        long contacts = contacts(tenant);
        try (TestSocket again = TestSocket.visitorFrom(port, "127.0.0.43", Map.of())) {
            checkError(hello(again, tenant, token), "visitor_blocked");
            assertThat(contacts(tenant)).isEqualTo(contacts);
            assertThat(RealtimeTestSupport.barrier(again)).isEmpty();
        }
        assertThat(upload(token).statusCode()).isEqualTo(404);
        assertThat(link(token, uploaded).statusCode()).isEqualTo(404);
        // a new anonymous visitor from the address it last came from is refused; from
        // another address, welcome
        try (TestSocket sameAddress = TestSocket.visitorFrom(port, "127.0.0.41", Map.of())) {
            checkError(hello(sameAddress, tenant, null), "visitor_blocked");
            assertThat(contacts(tenant)).isEqualTo(contacts);
        }
        try (TestSocket elsewhere = TestSocket.visitorFrom(port, "127.0.0.44", Map.of())) {
            assertThat(hello(elsewhere, tenant, null).path("type").asString()).isEqualTo("welcome");
        }
        // the address is refused in this inbox only
        Inbox second = fixtures.liveInbox(tenant.owner(), "Second site");
        try (TestSocket otherInbox = TestSocket.visitorFrom(port, "127.0.0.41", Map.of())) {
            otherInbox.send(helloFrame(second.id().toString(), null));
            assertThat(otherInbox.next().path("type").asString()).isEqualTo("welcome");
        }

        // the dashboard marks the contact, and the conversation can still be read
        String page = owner.get("/app/conversations/" + conversation).body();
        assertThat(page)
            .contains("id=\"thread-blocked\"", "id=\"contact-blocked\"", "id=\"unblock-contact\"", "Let me in")
            .doesNotContain("id=\"block-contact\"");
        assertThat(owner.get("/app/conversations/list").body()).contains("pill blocked");

        assertThat(owner.post("/app/conversations/" + conversation + "/contact/unblock", Map.of()).statusCode())
            .isEqualTo(302);
        try (TestSocket back = TestSocket.visitorFrom(port, "127.0.0.41", Map.of())) {
            JsonNode afterUnblock = hello(back, tenant, token);
            assertThat(afterUnblock.path("type").asString()).isEqualTo("welcome");
            assertThat(VisitorTokenTestSamples.contactOf(afterUnblock.path("token").asString()))
                .as("the revoked token stays revoked: a new visitor")
                .isNotEqualTo(contact);
            assertThat(afterUnblock.get("conversation").isNull()).isTrue();
        }
        assertThat(owner.get("/app/conversations/" + conversation).body()).doesNotContain("id=\"thread-blocked\"")
            .contains("id=\"block-contact\"");

        for (String action : List.of("contact.blocked", "contact.unblocked")) {
            List<AuditEntry> entries = context.getBean(AuditLog.class)
                .page(fixtures.grants(tenant.owner()), AuditFilter.parse(null, action, null, null, null), 0);
            assertThat(entries).as(action).singleElement().satisfies(entry -> {
                assertThat(entry.target()).isEqualTo("contact:" + contact);
                assertThat(entry.actor().id()).isEqualTo(tenant.owner().id().toString());
            });
        }
        bystander.close();
    }

    @Test
    void aBlockedVerifiedContactsIdentityIsRefusedAndChangesNothing() throws Exception {
        Tenant tenant = newTenant(fixtures);
        String secret = context.getBean(VisitorIdentityTokens.class)
            .addSharedSecret(fixtures.grants(tenant.owner()), tenant.inbox().id(), "site-1")
            .secret();
        String identity = hs256(secret, "site-1", claims(tenant.inboxId(), "customer-9").claim("name", "Ada").build());
        String conversation;
        ContactId contact;
        try (TestSocket laptop = TestSocket.visitorFrom(port, "127.0.0.45", Map.of())) {
            JsonNode welcome = helloWithIdentity(laptop, tenant, identity);
            assertThat(welcome.path("verified").asBoolean()).isTrue();
            contact = VisitorTokenTestSamples.contactOf(welcome.path("token").asString());
            conversation = sendForAck(laptop, visitorSend("v-1", "Order 1234?")).path("conversation").asString();

            context.getBean(ConversationManagement.class)
                .setContactBlocked(fixtures.grants(tenant.owner()), ConversationId.of(conversation), true);
            checkError(laptop.next("error"), "visitor_blocked");
            assertThat(laptop.awaitCloseCode(CLOSE_WITHIN)).isEqualTo(4403);
        }
        // the site vouches for them again, under another name: refused before anything
        // about them changes
        String renamed = hs256(secret, "site-1",
                claims(tenant.inboxId(), "customer-9").claim("name", "Mallory").build());
        try (TestSocket phone = TestSocket.visitorFrom(port, "127.0.0.46", Map.of())) {
            checkError(helloWithIdentity(phone, tenant, renamed), "visitor_blocked");
        }
        assertThat(context.getBean(ContactManagement.class)
            .find(tenant.workspaceId(), contact)
            .orElseThrow()
            .displayName()).isEqualTo("Ada");
        assertThat(sessionsOf(tenant, contact)).isZero();

        context.getBean(ConversationManagement.class)
            .setContactBlocked(fixtures.grants(tenant.owner()), ConversationId.of(conversation), false);
        try (TestSocket phone = TestSocket.visitorFrom(port, "127.0.0.46", Map.of())) {
            JsonNode welcome = helloWithIdentity(phone, tenant, identity);
            assertThat(welcome.path("type").asString()).isEqualTo("welcome");
            assertThat(welcome.path("conversation").asString()).as("their identity brings their conversation back")
                .isEqualTo(conversation);
        }
    }

    @Test
    void onlyMembersWhoMayBlockAndReadTheConversationCanAndOthersChangeNothing() {
        Tenant tenant = newTenant(fixtures);
        String conversation;
        ContactId contact;
        try (TestSocket visitor = TestSocket.visitorFrom(port, "127.0.0.47", Map.of())) {
            JsonNode welcome = hello(visitor, tenant, null);
            contact = VisitorTokenTestSamples.contactOf(welcome.path("token").asString());
            conversation = sendForAck(visitor, visitorSend("v-1", "Hello")).path("conversation").asString();
        }
        String block = "/app/conversations/" + conversation + "/contact/block";
        Member outsider = fixtures.agent(tenant.owner(), "Outside the inbox");
        Member foreign = fixtures.workspaceWithOwner();
        Member withoutPermission = fixtures.agent(tenant.owner(), "Without contacts.block");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), withoutPermission);
        context.getBean(AccessManagement.class)
            .setOverride(fixtures.grants(tenant.owner()), withoutPermission.id(), Permission.CONTACTS_BLOCK, false);

        assertThat(signedIn(outsider).post(block, Map.of()).statusCode()).as("an agent outside the inbox")
            .isEqualTo(404);
        assertThat(signedIn(foreign).post(block, Map.of()).statusCode()).as("a member of another workspace")
            .isEqualTo(404);
        DashboardSession denied = signedIn(withoutPermission);
        assertThat(denied.get("/app/conversations/" + conversation).body()).as("no button without the permission")
            .doesNotContain("id=\"block-contact\"");
        assertThat(denied.post(block, Map.of()).statusCode()).as("an agent of the inbox without contacts.block")
            .isEqualTo(403);
        assertThat(context.getBean(ContactManagement.class).blockedAmong(tenant.workspaceId(), List.of(contact)))
            .isEmpty();
        assertThat(sessionsOf(tenant, contact)).isEqualTo(1);

        Member agent = fixtures.agent(tenant.owner(), "In the inbox");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), agent);
        assertThat(signedIn(agent).post(block, Map.of()).statusCode()).as("an agent of the inbox").isEqualTo(302);
        assertThat(context.getBean(ContactManagement.class).blockedAmong(tenant.workspaceId(), List.of(contact)))
            .containsExactly(contact);
    }

    private DashboardSession signedIn(Member member) {
        DashboardSession session = DashboardSession.signIn(port, member.email(), Fixtures.PASSWORD);
        session.get("/app/members"); // a page, for its CSRF token
        return session;
    }

    private static JsonNode hello(TestSocket socket, Tenant tenant, String token) {
        socket.send(helloFrame(tenant.inboxId(), token));
        return socket.next();
    }

    private static JsonNode helloWithIdentity(TestSocket socket, Tenant tenant, String identity) {
        Map<String, Object> frame = helloFrame(tenant.inboxId(), null);
        frame.put("identity", identity);
        socket.send(frame);
        return socket.next();
    }

    private HttpResponse<String> upload(String token) throws IOException, InterruptedException {
        return HTTP
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/widget/attachments?name=note.txt"))
                .header("X-Visitor-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString("A note.\n", StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> link(String token, String attachment) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/widget/attachments/" + attachment + "/link"))
            .header("X-Visitor-Token", token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private long contacts(Tenant tenant) {
        return jdbc.sql("select count(*) from contact where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single();
    }

    private long sessionsOf(Tenant tenant, ContactId contact) {
        return jdbc.sql("select count(*) from visitor_session where workspace_id = ? and contact_id = ?")
            .params(tenant.workspaceId().value(), contact.value())
            .query(Long.class)
            .single();
    }

}
