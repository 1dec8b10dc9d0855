package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.helloFrame;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.tenancy.SystemScope;
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
 * The visitor-side budgets, each spent and then refused with an error frame that says
 * when to come back; a refusal stores nothing and leaves the socket usable, and a forged
 * {@code X-Forwarded-For} from a peer that is not a configured proxy buys no new budget.
 * Each test uses its own loopback source address (127.0.0.x), so their per-address
 * budgets do not mix.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest(profiles = "limits")
class RateLimitIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void newVisitorsFromOneAddressAreCountedAndAForgedForwardedForBuysNothing() {
        Tenant tenant = newTenant(fixtures);
        String token = null;
        for (int i = 0; i < 3; i++) {
            JsonNode welcome = helloFrom("127.0.0.21", tenant, null, Map.of("X-Forwarded-For", "10.0.0." + i));
            assertThat(welcome.path("type").asString()).isEqualTo("welcome");
            token = welcome.path("token").asString();
        }
        long contacts = contactsOf(tenant);

        TestSocket refused = TestSocket.visitorFrom(port, "127.0.0.21", Map.of("X-Forwarded-For", "10.0.0.99"));
        refused.send(helloFrame(tenant.inboxId(), null));
        JsonNode error = refused.next();
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("code").asString()).isEqualTo("rate_limited");
        assertThat(error.path("retryAfter").asLong()).isBetween(1L, 3600L);
        assertThat(contactsOf(tenant)).as("a refused visitor is not created").isEqualTo(contacts);
        refused.send(Map.of("type", "ping"));
        assertThat(refused.next().path("type").asString()).as("the socket stays usable").isEqualTo("pong");
        refused.close();

        assertThat(helloFrom("127.0.0.21", tenant, token, Map.of()).path("type").asString())
            .as("a returning visitor is not new")
            .isEqualTo("welcome");
        assertThat(helloFrom("127.0.0.22", tenant, null, Map.of()).path("type").asString())
            .as("another address has its own budget")
            .isEqualTo("welcome");
    }

    @Test
    void newConversationsFromOneAddressAreCounted() {
        Tenant tenant = newTenant(fixtures);
        for (int i = 0; i < 2; i++) {
            try (TestSocket socket = visitorFrom("127.0.0.23", tenant)) {
                assertThat(sendForAck(socket, visitorSend("c-" + i, "hello")).path("seq").asLong()).isEqualTo(1);
                assertThat(sendForAck(socket, visitorSend("c-" + i + "-again", "still me")).path("seq").asLong())
                    .as("the same conversation again is not a new one")
                    .isEqualTo(2);
            }
        }
        long conversations = conversationsOf(tenant);
        try (TestSocket third = visitorFrom("127.0.0.23", tenant)) {
            third.send(visitorSend("c-3", "hello"));
            JsonNode error = third.next();
            assertThat(error.path("code").asString()).isEqualTo("rate_limited");
            assertThat(error.path("clientMsgId").asString()).isEqualTo("c-3");
        }
        assertThat(conversationsOf(tenant)).isEqualTo(conversations);
    }

    @Test
    void messagesAreCountedPerSocketAndPerVisitorAcrossTabs() {
        Tenant tenant = newTenant(fixtures);
        TestSocket first = TestSocket.visitorFrom(port, "127.0.0.24", Map.of());
        first.send(helloFrame(tenant.inboxId(), null));
        String token = first.next().path("token").asString();
        for (int i = 1; i <= 5; i++) {
            assertThat(sendForAck(first, visitorSend("m-" + i, "message " + i)).path("seq").asLong()).isEqualTo(i);
        }
        first.send(visitorSend("m-6", "one too many on this socket"));
        JsonNode socketLimit = first.next();
        assertThat(socketLimit.path("code").asString()).isEqualTo("rate_limited");
        assertThat(socketLimit.path("clientMsgId").asString()).isEqualTo("m-6");

        TestSocket second = TestSocket.visitorFrom(port, "127.0.0.24", Map.of());
        second.send(helloFrame(tenant.inboxId(), token));
        assertThat(second.next().path("type").asString()).isEqualTo("welcome");
        for (int i = 6; i <= 8; i++) {
            assertThat(sendForAck(second, visitorSend("m-" + i + "b", "message " + i)).path("seq").asLong())
                .isEqualTo(i);
        }
        second.send(visitorSend("m-9", "one too many for this visitor"));
        assertThat(second.next().path("code").asString()).isEqualTo("rate_limited");
        assertThat(jdbc
            .sql("select count(*) from message m join conversation c on c.id = m.conversation_id "
                    + "where c.workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single()).as("refused messages are not stored").isEqualTo(8);
        first.close();
        second.close();
    }

    @Test
    void uploadsAreCountedPerVisitorAndTheRefusalSaysWhenToComeBack() throws Exception {
        Tenant tenant = newTenant(fixtures);
        String token;
        try (TestSocket socket = TestSocket.visitorFrom(port, "127.0.0.25", Map.of())) {
            socket.send(helloFrame(tenant.inboxId(), null));
            token = socket.next().path("token").asString();
        }
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 1; i <= 2; i++) {
            assertThat(upload(http, token, "note-" + i + ".txt").statusCode()).as("upload " + i).isEqualTo(200);
        }
        HttpResponse<String> refused = upload(http, token, "note-3.txt");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        assertThat(refused.body()).contains("\"status\":429").doesNotContain("Exception");
        assertThat(jdbc.sql("select count(*) from attachment where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single()).isEqualTo(2);
    }

    private HttpResponse<String> upload(HttpClient http, String visitorToken, String name) throws Exception {
        return http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/widget/attachments?name=" + name))
                .header("X-Visitor-Token", visitorToken)
                .header("Origin", "http://127.0.0.1:" + port)
                .POST(HttpRequest.BodyPublishers.ofString("plain words, nothing more"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode helloFrom(String address, Tenant tenant, String token, Map<String, String> headers) {
        try (TestSocket socket = TestSocket.visitorFrom(port, address, headers)) {
            socket.send(helloFrame(tenant.inboxId(), token));
            return socket.next();
        }
    }

    private TestSocket visitorFrom(String address, Tenant tenant) {
        TestSocket socket = TestSocket.visitorFrom(port, address, Map.of());
        socket.send(helloFrame(tenant.inboxId(), null));
        assertThat(socket.next().path("type").asString()).isEqualTo("welcome");
        return socket;
    }

    private long contactsOf(Tenant tenant) {
        return jdbc.sql("select count(*) from contact where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single();
    }

    private long conversationsOf(Tenant tenant) {
        return jdbc.sql("select count(*) from conversation where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single();
    }

}
