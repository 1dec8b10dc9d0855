package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.agentSocket;
import static org.confidant.realtime.RealtimeTestSupport.awaitMessage;
import static org.confidant.realtime.RealtimeTestSupport.barrier;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.stored;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;
import static org.confidant.realtime.RealtimeTestSupport.watch;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.confidant.api.ApiTestClient;
import org.confidant.conversation.Message;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.system.StrictJson;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes what clients send the running application (docs/fuzzing.md), both targets on the
 * suite's shared context: a visitor socket's frames (with an agent watching the
 * conversation) and the REST API's message bodies. Whatever arrives gets an answer of the
 * protocol (an error frame with a known code, or a 4xx problem), never a 5xx, an
 * {@code internal} error, a closed socket (its own or a neighbour's), a change that was
 * not acknowledged, or a stack trace in the log; and a text that was stored reads back
 * exactly as it was sent.
 */
@IntegrationTest
class UntrustedInputFuzzIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final JsonMapper STRICT = StrictJson.configure(JsonMapper.builder()).build();

    private static final Set<String> FRAME_TYPES = Set.of("error", "ack", "message", "synced", "pong", "token",
            "conversation.changed");

    private static final Set<String> ERROR_CODES = Set.of("bad_frame", "malformed_text", "unknown_type",
            "frame_too_large", "message_empty", "message_too_long", "message_control_characters", "bad_client_msg_id",
            "client_msg_id_conflict", "conversation_not_found", "rate_limited", "inbox_not_found");

    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    private static final AtomicLong BARRIERS = new AtomicLong();

    /**
     * The world every execution shares: a visitor with a conversation, watched by an
     * agent.
     */
    private static Tenant tenant;

    private static Visitor visitor;

    private static TestSocket agent;

    private static String conversation;

    private static ApiTestClient api;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private void world() {
        if (tenant == null) {
            tenant = newTenant(fixtures);
            visitor = hello(port, tenant.inboxId(), null);
            conversation = sendForAck(visitor.socket(), visitorSend("seed", "The first message")).path("conversation")
                .asString();
            agent = agentSocket(port, tenant.owner());
            agent.send(watch(conversation, 0));
            awaitMessage(agent, 1);
            agent.next("synced");
            api = new ApiTestClient(port, fixtures.apiTokenWithAllOf(tenant.owner()).text());
            LOG.start();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        }
    }

    @AfterAll
    static void close() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        if (visitor != null) {
            visitor.close();
            agent.close();
        }
    }

    @FuzzTest(maxDuration = "5s")
    void visitorFrames(byte[] input) {
        try (SilentCloseable network = onlyTheApplication()) {
            visitorFrame(input);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void apiBodies(byte[] input) {
        try (SilentCloseable network = onlyTheApplication()) {
            apiBody(input);
        }
    }

    /**
     * Jazzer's SSRF detector lets these targets connect to the application under test,
     * and nowhere else.
     */
    private SilentCloseable onlyTheApplication() {
        return BugDetectors.allowNetworkConnections(
                (host, to) -> to == port && (host.equals("127.0.0.1") || host.equals("localhost")));
    }

    private void visitorFrame(byte[] input) {
        world();
        String frame = new String(input, StandardCharsets.UTF_8);
        List<Message> before = stored(context, tenant.workspaceId(), conversation);

        visitor.socket().send(frame);
        List<JsonNode> answers = visitorBarrier();
        barrier(agent); // the agent's socket receives only fan-out: its one pong is the
                        // barrier's

        assertThat(visitor.socket().isClosed()).as("the visitor's socket after %s", frame).isFalse();
        assertThat(agent.isClosed()).as("the watching agent's socket after %s", frame).isFalse();
        long acknowledged = 0;
        for (JsonNode answer : answers) {
            String type = answer.path("type").asString();
            assertThat(type).as("answer %s to %s", answer, frame).isIn(FRAME_TYPES);
            if (type.equals("error")) {
                assertThat(answer.path("code").asString()).as("error %s for %s", answer, frame).isIn(ERROR_CODES);
            }
            if (type.equals("ack") && !answer.path("duplicate").booleanValue()) {
                acknowledged++;
                Message message = stored(context, tenant.workspaceId(), conversation).stream()
                    .filter(m -> m.seq() == answer.path("seq").asLong())
                    .findFirst()
                    .orElseThrow();
                JsonNode sent = STRICT.readTree(frame).path("text");
                assertThat(sent.isString()).as("%s acknowledges %s", answer, frame).isTrue();
                assertThat(message.text()).as("stored text of %s", frame).isEqualTo(sent.stringValue());
            }
        }
        assertThat(stored(context, tenant.workspaceId(), conversation)).as("messages after %s", frame)
            .hasSize(before.size() + (int) acknowledged);
        assertNoStackTrace(frame);
    }

    private void apiBody(byte[] input) {
        world();
        String body = new String(input, StandardCharsets.UTF_8);
        List<Message> before = stored(context, tenant.workspaceId(), conversation);

        HttpResponse<String> answer = api.postJson("/api/v1/conversations/" + conversation + "/messages", body);

        assertThat(answer.statusCode()).as("answer to %s: %s", body, answer.body()).isIn(200, 201, 400, 429);
        List<Message> after = stored(context, tenant.workspaceId(), conversation);
        if (answer.statusCode() == 201) {
            assertThat(after).hasSize(before.size() + 1);
            assertThat(after.getLast().text()).as("stored text of %s", body)
                .isEqualTo(STRICT.readTree(body).path("text").stringValue());
        }
        else {
            assertThat(after).as("messages after %s", body).hasSize(before.size());
            if (answer.statusCode() == 400) {
                assertThat(code(answer.body())).as("problem for %s", body).isNotBlank();
            }
        }
        assertNoStackTrace(body);
    }

    /**
     * Every frame the visitor's socket received before the answer to a {@code sync} of a
     * sequence number used once (a ping would not do: the fuzzed frame may be a ping too,
     * and its pong would end the wait too early).
     */
    private static List<JsonNode> visitorBarrier() {
        long marker = 1_000_000_000L + BARRIERS.incrementAndGet();
        visitor.socket().send(RealtimeTestSupport.sync(conversation, marker));
        List<JsonNode> before = new ArrayList<>();
        while (true) {
            JsonNode next = visitor.socket().next();
            if (next.path("type").asString().equals("synced") && next.path("lastSeq").asLong() == marker) {
                return before;
            }
            before.add(next);
        }
    }

    private static String code(String problem) {
        try {
            return STRICT.readTree(problem).path("code").asString();
        }
        catch (JacksonException e) {
            return "";
        }
    }

    private static void assertNoStackTrace(String input) {
        List<ILoggingEvent> traced = LOG.list.stream().filter(e -> e.getThrowableProxy() != null).toList();
        LOG.list.clear();
        assertThat(traced).as("log events with a stack trace after %s", input).isEmpty();
    }

}
