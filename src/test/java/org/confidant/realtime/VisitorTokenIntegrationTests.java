package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.checkError;
import static org.confidant.realtime.RealtimeTestSupport.hello;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.confidant.inbox.Inbox;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.shared.ContactId;
import org.confidant.tenancy.SystemScope;
import org.confidant.widget.VisitorSessions;
import org.confidant.widget.VisitorSessionsRevoked;
import org.confidant.widget.VisitorTokenTestSamples.Said;
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

/**
 * Visitor tokens attacked: tampered payloads (another contact, inbox or workspace, a
 * later expiry), tampered and re-encoded signatures, a token of workspace A presented to
 * an inbox of workspace B, a revoked session's token, an expired one, one naming a
 * session that never existed, malformed and oversize ones and an old random token. Each
 * is treated as no token at all, as docs/protocol.md says: on the socket a new anonymous
 * visitor (never the attacked one, whose session is left untouched), on HTTP a 404; a
 * token that is not a string is {@code bad_frame} and stores nothing.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest
class VisitorTokenIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void forgedTamperedExpiredRevokedAndMalformedTokensOpenNothing() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Tenant elsewhere = newTenant(fixtures);
        Inbox sibling = fixtures.liveInbox(tenant.owner(), "Sibling site");
        Visitor victim = hello(port, tenant.inboxId(), null);
        String conversation = sendForAck(victim.socket(), visitorSend("v-1", "My order")).path("conversation")
            .asString();
        String token = victim.token();
        Said said = VisitorTokenTestSamples.read(token);
        ContactId other;
        try (Visitor bystander = hello(port, tenant.inboxId(), null)) {
            other = bystander.contact();
        }
        String foreignToken;
        try (Visitor foreigner = hello(port, elsewhere.inboxId(), null)) {
            foreignToken = foreigner.token();
        }
        Instant now = Instant.now();

        // each attack: the token, and the inbox it is presented to
        Map<String, Attack> attacks = new LinkedHashMap<>();
        attacks.put("payload names another contact",
                new Attack(VisitorTokenTestSamples.tampered(token, said.withContact(other)), tenant.inboxId()));
        attacks.put("payload names another inbox of the workspace", new Attack(
                VisitorTokenTestSamples.tampered(token, said.withInbox(sibling.id())), sibling.id().toString()));
        attacks.put("payload names another workspace",
                new Attack(
                        VisitorTokenTestSamples.tampered(token,
                                said.withWorkspace(elsewhere.workspaceId()).withInbox(elsewhere.inbox().id())),
                        elsewhere.inboxId()));
        attacks.put("payload expires a day later",
                new Attack(
                        VisitorTokenTestSamples.tampered(token,
                                said.withTimes(said.issuedAt(), said.expiresAt().plusSeconds(86_400))),
                        tenant.inboxId()));
        attacks.put("signature altered", new Attack(flipped(token, token.length() - 5), tenant.inboxId()));
        attacks.put("signature re-encoded with stray low bits", new Attack(strayBits(token), tenant.inboxId()));
        attacks.put("payload re-encoded with stray low bits", new Attack(strayBits(token, 109), tenant.inboxId()));
        attacks.put("workspace B's token at workspace A's inbox", new Attack(foreignToken, tenant.inboxId(), true));
        attacks.put("workspace A's token at workspace B's inbox", new Attack(token, elsewhere.inboxId(), true));
        attacks.put("workspace A's token at another inbox of A", new Attack(token, sibling.id().toString(), true));
        attacks.put("genuinely signed, but expired", new Attack(
                VisitorTokenTestSamples.signed(context, said.withTimes(now.minusSeconds(7200), now.minusSeconds(3600))),
                tenant.inboxId()));
        attacks.put("genuinely signed, expiring this very second",
                new Attack(
                        VisitorTokenTestSamples.signed(context,
                                said.withTimes(now.minusSeconds(3600), Instant.ofEpochSecond(now.getEpochSecond()))),
                        tenant.inboxId()));
        attacks.put("genuinely signed, for a session that never existed", new Attack(
                VisitorTokenTestSamples.signed(context, said.withSession(UUID.randomUUID())), tenant.inboxId()));
        attacks.put("an old random token", new Attack("A".repeat(43), tenant.inboxId()));
        attacks.put("empty", new Attack("", tenant.inboxId()));
        attacks.put("version 2", new Attack("v2" + token.substring(2), tenant.inboxId()));
        attacks.put("upper-case version", new Attack("V1" + token.substring(2), tenant.inboxId()));
        attacks.put("padded", new Attack(token + "=", tenant.inboxId()));
        attacks.put("a character short", new Attack(token.substring(1), tenant.inboxId()));
        attacks.put("white space around", new Attack(" " + token + " ", tenant.inboxId()));
        attacks.put("standard base64 alphabet",
                new Attack(token.replace('-', '+').replace('_', '/').replace(token.charAt(10), '+'), tenant.inboxId()));
        attacks.put("three parts of a JWT", new Attack("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", tenant.inboxId()));
        attacks.put("oversize", new Attack(token.repeat(300), tenant.inboxId()));
        attacks.put("control characters",
                new Attack(token.substring(0, 100) + "\u0000" + token.substring(101), tenant.inboxId()));

        OffsetDateTime victimSeen = lastSeen(said.session());
        long contacts = contacts(tenant) + contacts(elsewhere);
        List<String> resumed = new ArrayList<>();
        for (Map.Entry<String, Attack> attack : attacks.entrySet()) {
            try (Visitor stranger = hello(port, attack.getValue().inbox(), attack.getValue().token())) {
                if (stranger.contact().equals(said.contact()) || !stranger.welcome().get("conversation").isNull()) {
                    resumed.add(attack.getKey());
                }
                // a token's refusal answers exactly what no token answers
                assertThat(stranger.welcome().path("verified").asBoolean()).isFalse();
                assertThat(stranger.welcome().path("lastSeq").asLong()).isZero();
            }
            // over HTTP a token names no inbox; a longer header than this is refused by
            // the container (400)
            if (!attack.getValue().genuine() && attack.getValue().token().length() <= 1000) {
                assertThat(upload(attack.getValue().token()).statusCode()).as(attack.getKey() + " (upload)")
                    .isEqualTo(404);
            }
        }
        assertThat(resumed).as("attacks that resumed the victim or any conversation").isEmpty();
        assertThat(contacts(tenant) + contacts(elsewhere)).as("each attack made one new anonymous visitor, no more")
            .isEqualTo(contacts + attacks.size());
        assertThat(lastSeen(said.session())).as("the victim's session was not touched").isEqualTo(victimSeen);

        // a token that is not a string is a bad frame, and stores nothing
        long before = contacts(tenant);
        try (TestSocket socket = TestSocket.visitor(port)) {
            Map<String, Object> hello = helloFrame(tenant.inboxId(), null);
            hello.put("token", 12);
            socket.send(hello);
            checkError(socket.next(), "bad_frame");
        }
        assertThat(contacts(tenant)).isEqualTo(before);

        // the genuine token still works, for its visitor and their conversation
        try (Visitor back = hello(port, tenant.inboxId(), token)) {
            assertThat(back.contact()).isEqualTo(said.contact());
            assertThat(back.welcome().path("conversation").asString()).isEqualTo(conversation);
        }
        assertThat(upload(token).statusCode()).isEqualTo(200);

        // once its session is revoked, it opens nothing any more, and the victim's open
        // socket is closed
        context.getBean(VisitorSessions.class)
            .revokeAll(tenant.workspaceId(), said.contact(), VisitorSessionsRevoked.Reason.BLOCKED);
        checkError(victim.socket().next("error"), "visitor_blocked");
        try (Visitor afterRevocation = hello(port, tenant.inboxId(), token)) {
            assertThat(afterRevocation.contact()).isNotEqualTo(said.contact());
            assertThat(afterRevocation.welcome().get("conversation").isNull()).isTrue();
        }
        assertThat(upload(token).statusCode()).isEqualTo(404);
        victim.close();
    }

    /**
     * A token presented to an inbox; {@code genuine}: a valid token in the wrong place
     * (its own upload works).
     */
    private record Attack(String token, String inbox, boolean genuine) {

        Attack(String token, String inbox) {
            this(token, inbox, false);
        }
    }

    /** The token with one character changed to another of the alphabet. */
    private static String flipped(String token, int at) {
        char c = token.charAt(at);
        return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    /**
     * The token with the last character of its signature re-encoded so that the bits
     * base64 drops are set.
     */
    private static String strayBits(String token) {
        return strayBits(token, token.length() - 1);
    }

    /**
     * The token with the character at {@code at} (a part's last) carrying bits its
     * decoding drops.
     */
    private static String strayBits(String token, int at) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = alphabet.indexOf(token.charAt(at));
        return token.substring(0, at) + alphabet.charAt(value ^ 1) + token.substring(at + 1);
    }

    private HttpResponse<String> upload(String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/widget/attachments?name=note.txt"))
            .POST(HttpRequest.BodyPublishers.ofString("A note.\n", StandardCharsets.UTF_8));
        if (token.chars().allMatch(c -> c >= 0x21 && c < 0x7f) && !token.isEmpty()) {
            request.header("X-Visitor-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private OffsetDateTime lastSeen(UUID session) {
        return jdbc.sql("select last_seen_at from visitor_session where id = ?")
            .param(session)
            .query(OffsetDateTime.class)
            .single();
    }

    private long contacts(Tenant tenant) {
        return jdbc.sql("select count(*) from contact where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single();
    }

}
