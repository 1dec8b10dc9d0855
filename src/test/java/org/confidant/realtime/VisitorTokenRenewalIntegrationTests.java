package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.tenancy.SystemScope;
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
 * Tokens renewed while the chat is open, with a 10-second lifetime (the shortest
 * allowed): an open socket is sent a new token before its current one expires, the new
 * one resumes the same visitor and conversation, the socket keeps working, an expired
 * token starts a new visitor, and a session nobody renews is purged. Nothing here
 * measures time: each step waits, generously, for what it needs.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest(profiles = "short-tokens")
class VisitorTokenRenewalIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final Duration GENEROUSLY = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOpenChatGetsItsNextTokenBeforeItsOwnExpiresAndTheNextOneResumesTheSameVisitor() throws Exception {
        Tenant tenant = newTenant(fixtures);
        try (Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String first = visitor.token();
            Said firstSaid = VisitorTokenTestSamples.read(first);
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", "Before")).path("conversation")
                .asString();

            JsonNode renewal = awaitToken(visitor.socket());
            String second = renewal.path("token").asString();
            Said secondSaid = VisitorTokenTestSamples.read(second);
            assertThat(second).isNotEqualTo(first);
            assertThat(secondSaid.session()).as("the same session").isEqualTo(firstSaid.session());
            assertThat(secondSaid.contact()).isEqualTo(firstSaid.contact());
            assertThat(secondSaid.issuedAt()).as("issued while the first still worked").isBefore(firstSaid.expiresAt());
            assertThat(secondSaid.expiresAt()).isAfter(firstSaid.expiresAt());
            assertThat(Instant.parse(renewal.path("expiresAt").asString())).isEqualTo(secondSaid.expiresAt());

            // the socket goes on as before
            assertThat(sendForAck(visitor.socket(), visitorSend("v-2", "After")).path("seq").asLong()).isEqualTo(2);
            // the renewed token opens the same visitor and conversation elsewhere
            try (Visitor otherTab = hello(port, tenant.inboxId(), second)) {
                assertThat(otherTab.contact()).isEqualTo(firstSaid.contact());
                assertThat(otherTab.welcome().path("conversation").asString()).isEqualTo(conversation);
                assertThat(otherTab.welcome().path("lastSeq").asLong()).isEqualTo(2);
            }

            // the first token, once expired, opens nothing, although its session lives on
            awaitPast(firstSaid.expiresAt());
            try (Visitor stale = hello(port, tenant.inboxId(), first)) {
                assertThat(stale.contact()).isNotEqualTo(firstSaid.contact());
                assertThat(stale.welcome().get("conversation").isNull()).isTrue();
            }
            // and the open socket is renewed again and again
            String third = awaitToken(visitor.socket()).path("token").asString();
            assertThat(VisitorTokenTestSamples.read(third).session()).isEqualTo(firstSaid.session());
            assertThat(sendForAck(visitor.socket(), visitorSend("v-3", "Still here")).path("seq").asLong())
                .isEqualTo(3);
        }
    }

    @Test
    void aSessionNobodyRenewsIsPurgedOnceItsTokenHasExpired() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Said said;
        try (Visitor visitor = hello(port, tenant.inboxId(), null)) {
            said = VisitorTokenTestSamples.read(visitor.token());
        }
        assertThat(sessions(said.session())).isEqualTo(1);
        long deadline = System.nanoTime() + GENEROUSLY.toNanos();
        while (sessions(said.session()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(sessions(said.session())).as("the expired session's row").isZero();
        assertThat(Instant.now()).isAfter(said.expiresAt());
    }

    /** The next {@code token} frame; other frames before it are skipped. */
    private static JsonNode awaitToken(TestSocket socket) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUSLY.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode frame : socket.drain(Duration.ofMillis(500))) {
                if (frame.path("type").asString().equals("token")) {
                    return frame;
                }
            }
        }
        throw new AssertionError("no token frame within " + GENEROUSLY);
    }

    private static void awaitPast(Instant instant) throws InterruptedException {
        while (!Instant.now().isAfter(instant.plusMillis(500))) {
            Thread.sleep(100);
        }
    }

    private long sessions(UUID id) {
        return jdbc.sql("select count(*) from visitor_session where id = ?").param(id).query(Long.class).single();
    }

}
