package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.confidant.realtime.RealtimeTestSupport.checkError;
import static org.confidant.realtime.RealtimeTestSupport.helloFrame;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;

import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
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

/**
 * The visitor socket's gate: a handshake must come from Confidant's own origin (a missing
 * or {@code null} Origin is refused), and hello must report a host page origin that the
 * inbox allows. Every refusal is an error frame that leaves nothing behind (no contact,
 * no session), and the socket may still say a good hello.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest
class VisitorGateIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aHandshakeWithoutOriginOrWithTheNullOriginIsRefused() {
        for (String origin : Arrays.asList(null, "null", "https://shop.example")) {
            Throwable refused = catchThrowable(() -> TestSocket.visitor(port, origin));
            assertThat(refused).as("handshake with Origin %s", origin).isNotNull();
            Throwable cause = refused;
            while (cause.getCause() != null && !(cause instanceof WebSocketHandshakeException)) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) cause).getResponse().statusCode()).isEqualTo(403);
        }
    }

    @Test
    void helloFromAPageTheInboxDoesNotAllowIsRefusedAndLeavesNothingBehind() {
        Tenant tenant = newTenant(fixtures);
        long contacts = contacts(tenant);
        List<String> hosts = new ArrayList<>(List.of("https://shop.example.evil.net", "http://shop.example",
                "https://shop.example:8443", "https://evil-shop.example", "https://sub.shop.example", "null", "",
                "https://shop.example/", "not a url"));
        try (TestSocket socket = TestSocket.visitor(port)) {
            for (String host : hosts) {
                Map<String, Object> hello = helloFrame(tenant.inboxId(), null);
                hello.put("host", host);
                socket.send(hello);
                checkError(socket.next(), "origin_not_allowed");
            }
            Map<String, Object> noHost = helloFrame(tenant.inboxId(), null);
            noHost.remove("host");
            socket.send(noHost);
            checkError(socket.next(), "origin_not_allowed");
            assertThat(contacts(tenant)).as("contacts after refused hellos").isEqualTo(contacts);
            assertThat(sessions(tenant)).as("visitor sessions after refused hellos").isZero();

            socket.send(helloFrame(tenant.inboxId(), null));
            assertThat(socket.next().path("type").asString()).isEqualTo("welcome");
            assertThat(contacts(tenant)).isEqualTo(contacts + 1);
        }
    }

    @Test
    void anInboxWithoutAllowedDomainsIsNotLiveAnywhere() {
        Tenant tenant = newTenant(fixtures);
        Inbox dark = context.getBean(InboxManagement.class).create(fixtures.grants(tenant.owner()), "not-live.example");
        try (TestSocket socket = TestSocket.visitor(port)) {
            socket.send(helloFrame(dark.id().toString(), null));
            checkError(socket.next(), "origin_not_allowed");
        }
        assertThat(contacts(tenant)).isZero();
    }

    @Test
    void aResumedVisitorIsStillCheckedAgainstTheCurrentList() {
        Tenant tenant = newTenant(fixtures);
        String token;
        try (RealtimeTestSupport.Visitor visitor = RealtimeTestSupport.hello(port, tenant.inboxId(), null)) {
            token = visitor.token();
        }
        context.getBean(InboxManagement.class)
            .setAllowedDomains(fixtures.grants(tenant.owner()), tenant.inbox().id(), "https://elsewhere.example");
        try (TestSocket socket = TestSocket.visitor(port)) {
            socket.send(helloFrame(tenant.inboxId(), token));
            checkError(socket.next(), "origin_not_allowed");
            Map<String, Object> hello = helloFrame(tenant.inboxId(), token);
            hello.put("host", "https://elsewhere.example");
            socket.send(hello);
            JsonNode welcome = socket.next();
            assertThat(welcome.path("type").asString()).isEqualTo("welcome");
            assertThat(VisitorTokenTestSamples.contactOf(welcome.path("token").asString()))
                .as("the same visitor, resumed")
                .isEqualTo(VisitorTokenTestSamples.contactOf(token));
        }
    }

    private long contacts(Tenant tenant) {
        return jdbc.sql("select count(*) from contact where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single();
    }

    private long sessions(Tenant tenant) {
        return jdbc.sql("select count(*) from visitor_session where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single();
    }

}
