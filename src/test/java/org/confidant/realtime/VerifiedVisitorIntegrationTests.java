package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.inbox.IdentityTokenTestSamples.claims;
import static org.confidant.inbox.IdentityTokenTestSamples.hs256;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.confidant.DashboardSession;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.inbox.VisitorIdentityTokens;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.shared.ConversationId;
import org.confidant.tenancy.SystemScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Verified visitors over the widget's socket: a valid identity token makes the session
 * speak for the verified contact (the same one on every device), an anonymous session
 * never reaches a verified conversation, a bad token creates nothing, an inbox for
 * verified visitors only stays closed to the rest, and agents see the pill.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest
class VerifiedVisitorIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    VisitorIdentityTokens identities;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;

    private String secret;

    @BeforeEach
    void inboxWithAKey() {
        tenant = newTenant(fixtures);
        secret = identities.addSharedSecret(fixtures.grants(tenant.owner()), tenant.inbox().id(), "site-1").secret();
    }

    @Test
    void aVerifiedVisitorFindsTheirConversationOnAnyDeviceAndAgentsSeeThePill() {
        String identity = hs256(secret, "site-1", claims(tenant.inboxId(), "customer-42").build());
        String conversation;
        try (TestSocket laptop = TestSocket.visitor(port)) {
            JsonNode welcome = hello(laptop, null, identity);
            assertThat(welcome.path("verified").asBoolean()).isTrue();
            conversation = sendForAck(laptop, visitorSend("v-1", "Where is my order?")).path("conversation").asString();
        }
        try (TestSocket phone = TestSocket.visitor(port)) {
            JsonNode welcome = hello(phone, null, identity);
            assertThat(welcome.path("verified").asBoolean()).isTrue();
            assertThat(welcome.path("conversation").asString()).as("the same person, another device")
                .isEqualTo(conversation);
        }
        assertThat(jdbc.sql("select count(*) from contact where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single()).isEqualTo(1);

        DashboardSession owner = DashboardSession.signIn(port, tenant.owner().email(), Fixtures.PASSWORD);
        String page = owner.get("/app/conversations/" + conversation).body();
        assertThat(page).contains("id=\"contact-verified\"", "Grace Hopper", "grace@example.com");
        assertThat(owner.get("/app/conversations").body()).contains("pill verified");
    }

    @Test
    void anAgentCannotOverwriteWhatTheSiteSignedAndWhatNobodySignedShowsAsUnverified() {
        String conversation;
        try (TestSocket visitor = TestSocket.visitor(port)) {
            hello(visitor, null, hs256(secret, "site-1", claims(tenant.inboxId(), "customer-7").build()));
            conversation = sendForAck(visitor, visitorSend("v-1", "Hello")).path("conversation").asString();
        }
        DashboardSession owner = DashboardSession.signIn(port, tenant.owner().email(), Fixtures.PASSWORD);
        owner.get("/app/conversations/" + conversation);
        String card = "/app/conversations/" + conversation + "/contact";

        owner.post(card, Map.of("displayName", "Grace Hopper", "email", "attacker@evil.example", "phone", ""));
        owner.post(card, Map.of("displayName", "Mallory", "email", "grace@example.com", "phone", ""));
        Contact contact = contactOf(conversation);
        assertThat(contact.email()).as("a signed email").isEqualTo("grace@example.com");
        assertThat(contact.displayName()).as("a signed name").isEqualTo("Grace Hopper");
        assertThat(owner.get("/app/conversations/" + conversation).body()).as("the refusal is said")
            .contains("signed this contact");

        owner.post(card, Map.of("displayName", "Grace Hopper", "email", "grace@example.com", "phone", "+44 20 7946"));
        assertThat(contactOf(conversation).phone()).as("what the site did not sign may be recorded")
            .isEqualTo("+44 20 7946");
        String page = owner.get("/app/conversations/" + conversation).body();
        assertThat(count(page, "detail-signed\"")).as("name and email marked as signed").isEqualTo(2);
        assertThat(count(page, "detail-unverified\"")).as("the phone marked as unverified").isEqualTo(1);

        // the site stops vouching for the email: an agent may record one, shown as
        // unverified, until it vouches again
        try (TestSocket visitor = TestSocket.visitor(port)) {
            hello(visitor, null,
                    hs256(secret, "site-1", claims(tenant.inboxId(), "customer-7").claim("email", null).build()));
        }
        owner.post(card, Map.of("displayName", "Grace Hopper", "email", "grace@work.example", "phone", ""));
        assertThat(contactOf(conversation).email()).isEqualTo("grace@work.example");
        assertThat(count(owner.get("/app/conversations/" + conversation).body(), "detail-signed\"")).isEqualTo(1);
        try (TestSocket visitor = TestSocket.visitor(port)) {
            hello(visitor, null, hs256(secret, "site-1", claims(tenant.inboxId(), "customer-7").build()));
        }
        assertThat(contactOf(conversation).email()).as("signed again, the site's word wins")
            .isEqualTo("grace@example.com");
    }

    @Test
    void anAnonymousSessionNeverReachesAVerifiedConversation() {
        String identity = hs256(secret, "site-1", claims(tenant.inboxId(), "customer-7").build());
        String verifiedToken;
        String conversation;
        try (TestSocket signedIn = TestSocket.visitor(port)) {
            JsonNode welcome = hello(signedIn, null, identity);
            verifiedToken = welcome.path("token").asString();
            conversation = sendForAck(signedIn, visitorSend("p-1", "my address is ...")).path("conversation")
                .asString();
        }
        // the same browser after signing out of the site: its stored visitor token, but
        // no identity token
        try (TestSocket signedOut = TestSocket.visitor(port)) {
            JsonNode welcome = hello(signedOut, verifiedToken, null);
            assertThat(welcome.path("type").asString()).isEqualTo("welcome");
            assertThat(welcome.path("verified").asBoolean()).isFalse();
            assertThat(welcome.path("token").asString()).isNotEqualTo(verifiedToken);
            assertThat(welcome.path("conversation").isNull()).as("no conversation of the verified customer").isTrue();
            signedOut.send(Map.of("type", "sync", "conversation", conversation, "after", 0));
            assertThat(signedOut.next().path("code").asString()).isEqualTo("conversation_not_found");
        }
    }

    @Test
    void aBadIdentityTokenCreatesNothingAndAVerifiedOnlyInboxStaysClosedToOthers() {
        long contacts = contacts();
        try (TestSocket socket = TestSocket.visitor(port)) {
            JsonNode error = hello(socket, null,
                    hs256(secret, "site-1", claims(tenant.inboxId(), "customer-1").audience("another-inbox").build()));
            assertThat(error.path("code").asString()).isEqualTo("identity_invalid");
            socket.send(Map.of("type", "ping"));
            assertThat(socket.next().path("type").asString()).isEqualTo("pong");
        }
        identities.setRequired(fixtures.grants(tenant.owner()), tenant.inbox().id(), true);
        try (TestSocket socket = TestSocket.visitor(port)) {
            assertThat(hello(socket, null, null).path("code").asString()).isEqualTo("identity_required");
        }
        assertThat(contacts()).isEqualTo(contacts);
        try (TestSocket socket = TestSocket.visitor(port)) {
            assertThat(hello(socket, null, hs256(secret, "site-1", claims(tenant.inboxId(), "c-2").build()))
                .path("verified")
                .asBoolean()).isTrue();
        }
    }

    private Contact contactOf(String conversation) {
        ConversationManagement conversations = context.getBean(ConversationManagement.class);
        Conversation found = conversations.find(tenant.workspaceId(), ConversationId.of(conversation)).orElseThrow();
        return context.getBean(ContactManagement.class).find(tenant.workspaceId(), found.contactId()).orElseThrow();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private JsonNode hello(TestSocket socket, String token, String identity) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "hello");
        frame.put("inbox", tenant.inboxId());
        frame.put("host", Fixtures.HOST);
        if (token != null) {
            frame.put("token", token);
        }
        if (identity != null) {
            frame.put("identity", identity);
        }
        socket.send(frame);
        return socket.next();
    }

    private long contacts() {
        return jdbc.sql("select count(*) from contact where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single();
    }

}
