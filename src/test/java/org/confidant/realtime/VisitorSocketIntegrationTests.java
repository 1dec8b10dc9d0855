package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.confidant.realtime.RealtimeTestSupport.agentSend;
import static org.confidant.realtime.RealtimeTestSupport.agentSocket;
import static org.confidant.realtime.RealtimeTestSupport.awaitMessage;
import static org.confidant.realtime.RealtimeTestSupport.barrier;
import static org.confidant.realtime.RealtimeTestSupport.checkAck;
import static org.confidant.realtime.RealtimeTestSupport.checkError;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.helloFrame;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.quietThenBarrier;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.seqs;
import static org.confidant.realtime.RealtimeTestSupport.stored;
import static org.confidant.realtime.RealtimeTestSupport.sync;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;
import static org.confidant.realtime.RealtimeTestSupport.watch;

import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.confidant.conversation.AuthorKind;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The visitor socket ({@code /ws/visitor}, docs/protocol.md): hello and resuming by
 * token, sending with sequence numbers and idempotency, and every kind of bad input, each
 * answered by an error frame that changes nothing while the socket keeps working.
 */
@IntegrationTest
class VisitorSocketIntegrationTests {

    @Autowired
    Fixtures fixtures;

    /**
     * A character outside the Basic Multilingual Plane: one code point, two UTF-16 units,
     * four UTF-8 bytes.
     */
    private static final String EMOJI = "\uD83D\uDE00";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ConversationManagement conversations;

    @Test
    void helloWithoutTokenStartsANewVisitorWhoseTokenResumesThem() {
        Tenant tenant = newTenant(fixtures);

        try (Visitor first = hello(port, tenant.inboxId(), null)) {
            JsonNode welcome = first.welcome();
            String token = welcome.path("token").asString();
            assertThat(token).hasSize(154).matches("v1\\.[A-Za-z0-9_-]{107}\\.[A-Za-z0-9_-]{43}");
            assertThat(Instant.parse(welcome.path("expiresAt").asString())).isAfter(Instant.now());
            assertThat(welcome.has("conversation")).as("welcome names the conversation: %s", welcome).isTrue();
            assertThat(welcome.get("conversation").isNull()).as("no conversation before the first message").isTrue();
            assertThat(welcome.path("lastSeq").isIntegralNumber()).isTrue();
            assertThat(welcome.path("lastSeq").asLong()).isZero();

            try (Visitor second = hello(port, tenant.inboxId(), token)) {
                assertThat(second.contact()).as("the same visitor, resumed").isEqualTo(first.contact());
                assertThat(Instant.parse(second.welcome().path("expiresAt").asString()))
                    .as("welcome always brings a fresh token")
                    .isAfterOrEqualTo(Instant.parse(welcome.path("expiresAt").asString()));
                assertThat(second.welcome().get("conversation").isNull()).isTrue();
                assertThat(second.welcome().path("lastSeq").asLong()).isZero();

                JsonNode ack = sendForAck(second.socket(), visitorSend("m-1", "Hi there"));
                String conversation = ack.path("conversation").asString();
                assertThat(checkAck(ack, null, "m-1", false)).isEqualTo(1);
                // the first socket is another tab of the same visitor: same contact, so
                // it sees the message
                JsonNode echoed = awaitMessage(first.socket(), 1);
                assertThat(echoed.path("conversation").asString()).isEqualTo(conversation);
                assertThat(echoed.path("text").asString()).isEqualTo("Hi there");

                try (Visitor third = hello(port, tenant.inboxId(), second.token())) {
                    assertThat(third.contact()).isEqualTo(first.contact());
                    assertThat(third.welcome().path("conversation").asString()).isEqualTo(conversation);
                    assertThat(third.welcome().path("lastSeq").asLong()).isEqualTo(1);
                    // and it writes into the same conversation
                    JsonNode ack2 = sendForAck(third.socket(), visitorSend("m-2", "Still me"));
                    assertThat(checkAck(ack2, conversation, "m-2", false)).isEqualTo(2);
                }
            }

            // a random token of the old kind, and a malformed one, start new visitors
            for (String unknown : List.of("A".repeat(43), "not a token")) {
                try (Visitor stranger = hello(port, tenant.inboxId(), unknown)) {
                    assertThat(stranger.token()).hasSize(154).isNotEqualTo(token).isNotEqualTo(unknown);
                    assertThat(stranger.contact()).isNotEqualTo(first.contact());
                    assertThat(stranger.welcome().get("conversation").isNull()).isTrue();
                    assertThat(stranger.welcome().path("lastSeq").asLong()).isZero();
                }
            }
        }
    }

    @Test
    void aCrossOriginHandshakeIsRefused() {
        // the widget's chat app runs in an iframe on Confidant's own origin: no other
        // page may open the socket
        for (String origin : List.of("http://evil.example", "https://127.0.0.1:" + port, "null",
                "http://127.0.0.1:" + port + ".evil.example")) {
            Throwable refused = catchThrowable(() -> TestSocket.visitor(port, origin));
            assertThat(refused).as("handshake from %s", origin).isNotNull();
            assertThat(rootCause(refused)).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) rootCause(refused)).getResponse().statusCode())
                .as("handshake from %s", origin)
                .isEqualTo(403);
        }
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && !(cause instanceof WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Test
    void aVisitorTokenDoesNotResumeTheVisitorInAnotherInbox() {
        Tenant tenant = newTenant(fixtures);
        Tenant other = newTenant(fixtures);
        try (Visitor visitor = hello(port, tenant.inboxId(), null)) {
            sendForAck(visitor.socket(), visitorSend("m-1", "Hello"));
            try (Visitor elsewhere = hello(port, other.inboxId(), visitor.token())) {
                assertThat(elsewhere.contact()).isNotEqualTo(visitor.contact());
                assertThat(elsewhere.welcome().get("conversation").isNull()).isTrue();
                assertThat(elsewhere.welcome().path("lastSeq").asLong()).isZero();
            }
        }
    }

    @Test
    void messagesGetTheNextSeqAndAreCommittedBeforeTheAck() {
        Tenant tenant = newTenant(fixtures);
        try (Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String conversation = null;
            for (int i = 1; i <= 5; i++) {
                String clientMsgId = i == 5 ? "x".repeat(64) : "m-" + i; // 64 characters
                                                                         // is the longest
                                                                         // allowed
                JsonNode ack = sendForAck(visitor.socket(), visitorSend(clientMsgId, "Message " + i));
                if (conversation == null) {
                    conversation = ack.path("conversation").asString();
                }
                assertThat(checkAck(ack, conversation, clientMsgId, false)).isEqualTo(i);

                // acknowledged means committed: a separate read already finds it, exactly
                // as acknowledged
                List<Message> stored = stored(context, tenant.workspaceId(), conversation);
                assertThat(seqs(stored)).as("stored after ack %d", i)
                    .isEqualTo(LongStream.rangeClosed(1, i).boxed().toList());
                Message last = stored.getLast();
                assertThat(last.clientMsgId()).isEqualTo(clientMsgId);
                assertThat(last.text()).isEqualTo("Message " + i);
                assertThat(last.authorKind()).isEqualTo(AuthorKind.VISITOR);
                assertThat(last.sentAt().toString()).isEqualTo(ack.path("sentAt").asString());
            }
            assertThat(
                    conversations.find(tenant.workspaceId(), ConversationId.of(conversation)).orElseThrow().lastSeq())
                .isEqualTo(5);
        }
    }

    @Test
    void resendingAClientMsgIdIsIdempotentAndReusingItForOtherTextIsRefused() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        try (TestSocket agent = agentSocket(port, tenant.owner());
                Visitor visitor = hello(port, tenant.inboxId(), null)) {
            JsonNode first = sendForAck(visitor.socket(), visitorSend("m-1", "Hello"));
            String conversation = first.path("conversation").asString();
            assertThat(checkAck(first, conversation, "m-1", false)).isEqualTo(1);
            agent.send(watch(conversation, 0));
            awaitMessage(agent, 1);
            assertThat(agent.next("synced").path("lastSeq").asLong()).isEqualTo(1);
            barrier(visitor.socket());

            visitor.socket().send(visitorSend("m-1", "Hello"));
            JsonNode again = visitor.socket().next();
            assertThat(checkAck(again, conversation, "m-1", true)).isEqualTo(1);
            assertThat(again.path("sentAt").asString()).isEqualTo(first.path("sentAt").asString());

            visitor.socket().send(visitorSend("m-1", "Hello, but different"));
            JsonNode conflict = visitor.socket().next();
            checkError(conflict, "client_msg_id_conflict");
            assertThat(conflict.path("clientMsgId").asString()).isEqualTo("m-1");

            List<Message> stored = stored(context, tenant.workspaceId(), conversation);
            assertThat(seqs(stored)).containsExactly(1L);
            assertThat(stored.getFirst().text()).isEqualTo("Hello");
            List<List<JsonNode>> after = quietThenBarrier(List.of(visitor.socket(), agent));
            assertThat(after.get(0)).as("visitor frames after the resends").isEmpty();
            assertThat(after.get(1)).as("agent frames after the resends").isEmpty();

            assertThat(checkAck(sendForAck(visitor.socket(), visitorSend("m-2", "Next")), conversation, "m-2", false))
                .isEqualTo(2);
        }
    }

    @Test
    void fiveThousandCodePointsAreAcceptedEvenWhenTheyAreTenThousandUtf16Units() {
        Tenant tenant = newTenant(fixtures);
        String text = EMOJI.repeat(5_000);
        assertThat(text.length()).isEqualTo(10_000);
        try (Visitor visitor = hello(port, tenant.inboxId(), null)) {
            RealtimeTestSupport.Sent sent = RealtimeTestSupport.sendForAckAndEcho(visitor.socket(),
                    visitorSend("m-long", text));
            JsonNode echoed = sent.echo();
            JsonNode ack = sent.ack();
            assertThat(checkAck(ack, null, "m-long", false)).isEqualTo(1);
            assertThat(echoed.path("text").asString()).isEqualTo(text);
            Message stored = stored(context, tenant.workspaceId(), ack.path("conversation").asString()).getFirst();
            assertThat(stored.text()).isEqualTo(text);
            assertThat(stored.text().codePointCount(0, stored.text().length())).isEqualTo(5_000);
        }
    }

    @Test
    void textIsStoredAndSentBackVerbatim() {
        Tenant tenant = newTenant(fixtures);
        String text = "<script>alert(1)</script> & \"quotes\" 'single' \\ back\\slash </p> &amp; &lt;b&gt; "
                + "\u2028line\u2029separators caf\u00e9 " + EMOJI + " {\"type\":\"ack\"}\ttab\nnew line";
        try (TestSocket agent = agentSocket(port, tenant.owner());
                Visitor visitor = hello(port, tenant.inboxId(), null)) {
            RealtimeTestSupport.Sent sent = RealtimeTestSupport.sendForAckAndEcho(visitor.socket(),
                    visitorSend("m-verbatim", text));
            JsonNode echoed = sent.echo();
            JsonNode ack = sent.ack();
            String conversation = ack.path("conversation").asString();
            checkAck(ack, conversation, "m-verbatim", false);
            assertThat(echoed.path("text").asString()).isEqualTo(text);
            assertThat(stored(context, tenant.workspaceId(), conversation).getFirst().text()).isEqualTo(text);

            agent.send(watch(conversation, 0));
            JsonNode caughtUp = awaitMessage(agent, 1);
            assertThat(caughtUp.path("text").asString()).isEqualTo(text);
            agent.send(agentSend(conversation, "a-verbatim", text));
            assertThat(RealtimeTestSupport.awaitAck(agent, "a-verbatim").path("seq").asLong()).isEqualTo(2);
            assertThat(awaitMessage(visitor.socket(), 2).path("text").asString()).isEqualTo(text);
            assertThat(stored(context, tenant.workspaceId(), conversation).getLast().text()).isEqualTo(text);
        }
    }

    // ---- bad input
    // ------------------------------------------------------------------------------------------

    /**
     * One workspace and a signed-in agent for all the bad-input cases; each case has its
     * own visitor.
     */
    private static Tenant badInputTenant;

    private static TestSocket badInputAgent;

    @AfterAll
    static void closeBadInputAgent() {
        if (badInputAgent != null) {
            badInputAgent.close();
        }
    }

    /**
     * How a case sends its bad input; it gets the visitor's socket and own conversation
     * id.
     */
    private record BadInput(BiConsumer<TestSocket, String> send) {
    }

    private static Arguments bad(String name, String frame, String code, String echoedClientMsgId) {
        return Arguments.of(name, new BadInput((socket, conversation) -> socket.send(frame)), code, echoedClientMsgId);
    }

    private static Arguments bad(String name, Map<String, Object> frame, String code, String echoedClientMsgId) {
        return Arguments.of(name, new BadInput((socket, conversation) -> socket.send(frame)), code, echoedClientMsgId);
    }

    /**
     * A visitor's message.send whose text is written into the JSON as is (escapes
     * included).
     */
    private static String sendWithRawText(String jsonText) {
        return "{\"type\":\"message.send\",\"clientMsgId\":\"m-bad\",\"text\":\"" + jsonText + "\"}";
    }

    private static Arguments badSend(String name, String text, String code) {
        return bad(name, visitorSend("m-bad", text), code, "m-bad");
    }

    private static Map<String, Object> frame(Object... keysAndValues) {
        Map<String, Object> frame = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            frame.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return frame;
    }

    static Stream<Arguments> badInputs() {
        String bigText = "a".repeat(100 * 1024);
        String hugeText = "b".repeat(1024 * 1024);
        return Stream.of(badSend("empty text", "", "message_empty"),
                bad("no text", frame("type", "message.send", "clientMsgId", "m-bad"), "message_empty", "m-bad"),
                bad("null text", frame("type", "message.send", "clientMsgId", "m-bad", "text", null), "message_empty",
                        "m-bad"),
                badSend("spaces only", "     ", "message_empty"),
                badSend("tabs and line breaks only", "\t\n\r\n \t", "message_empty"),
                badSend("no-break spaces only (U+00A0)", "\u00A0\u00A0\u00A0", "message_empty"),
                badSend("zero-width spaces only (U+200B)", "\u200B\u200B", "message_empty"),
                badSend("a mix of invisible characters", " \u00A0\t\u200B\n\u3000\u2003\uFEFF\u2060", "message_empty"),
                badSend("5,001 code points", EMOJI.repeat(5_001), "message_too_long"),
                badSend("5,001 ASCII characters", "z".repeat(5_001), "message_too_long"),
                // docs/protocol.md lists no code for control characters; MessageRules
                // answers this one
                badSend("text containing U+0000", "before\u0000after", "message_control_characters"),
                bad("text of the wrong type", frame("type", "message.send", "clientMsgId", "m-bad", "text", 42),
                        "bad_frame", "m-bad"),
                bad("malformed JSON", "{\"type\":\"message.send\",\"clientMsgId\":\"m-bad\",\"text\":\"hi\"",
                        "bad_frame", null),
                bad("not JSON at all", "hello", "bad_frame", null), bad("an empty frame", "", "bad_frame", null),
                bad("a JSON array", "[{\"type\":\"message.send\",\"clientMsgId\":\"m-bad\",\"text\":\"hi\"}]",
                        "bad_frame", null),
                bad("a JSON string", "\"ping\"", "bad_frame", null), bad("JSON null", "null", "bad_frame", null),
                bad("a frame with no type", frame("clientMsgId", "m-bad", "text", "hi"), "bad_frame", null),
                bad("a type that is not a string", frame("type", 7, "clientMsgId", "m-bad", "text", "hi"), "bad_frame",
                        null),
                bad("an unknown type", frame("type", "message.delete", "clientMsgId", "m-bad"), "unknown_type", null),
                bad("an agent-only type", frame("type", "read", "conversation", UUID.randomUUID().toString(), "seq", 1),
                        "unknown_type", null),
                bad("deeply nested JSON", "[".repeat(20_000) + "]".repeat(20_000), "bad_frame", null),
                bad("a 100 KiB frame",
                        "{\"type\":\"message.send\",\"clientMsgId\":\"m-bad\",\"text\":\"" + bigText + "\"}",
                        "frame_too_large", null),
                bad("a 1 MiB frame",
                        "{\"type\":\"message.send\",\"clientMsgId\":\"m-bad\",\"text\":\"" + hugeText + "\"}",
                        "frame_too_large", null),
                Arguments.of("a binary frame",
                        new BadInput((socket, conversation) -> socket
                            .sendBinary("{\"type\":\"message.send\",\"clientMsgId\":\"m-bad\",\"text\":\"hi\"}"
                                .getBytes(StandardCharsets.UTF_8))),
                        "bad_frame", null),
                bad("no clientMsgId", frame("type", "message.send", "text", "hi"), "bad_client_msg_id", null),
                bad("an empty clientMsgId", visitorSend("", "hi"), "bad_client_msg_id", null),
                bad("a clientMsgId of 65 characters", visitorSend("m".repeat(65), "hi"), "bad_client_msg_id", null),
                bad("a clientMsgId with spaces", visitorSend("m 1", "hi"), "bad_client_msg_id", null),
                bad("a clientMsgId with other characters", visitorSend("m-\u00e9t\u00e9", "hi"), "bad_client_msg_id",
                        null),
                bad("a clientMsgId that is not a string",
                        frame("type", "message.send", "clientMsgId", 42, "text", "hi"), "bad_frame", null),
                Arguments.of("a second hello on the same socket",
                        new BadInput(
                                (socket, conversation) -> socket.send(helloFrame(UUID.randomUUID().toString(), null))),
                        "bad_frame", null),
                Arguments.of("sync after a negative seq",
                        new BadInput((socket, conversation) -> socket.send(sync(conversation, -1))), "bad_frame", null),
                Arguments.of("sync after a seq that is text",
                        new BadInput((socket, conversation) -> socket
                            .send(frame("type", "sync", "conversation", conversation, "after", "0"))),
                        "bad_frame", null),
                bad("sync of a malformed conversation id", sync("not-a-conversation", 0), "conversation_not_found",
                        null),
                bad("sync of an unknown conversation", sync(UUID.randomUUID().toString(), 0), "conversation_not_found",
                        null),
                // not well-formed Unicode: JSON escapes of lone UTF-16 surrogates (issue
                // 14: these once closed every
                // socket of the conversation)
                bad("text with a lone high surrogate", sendWithRawText("a\\ud800b"), "malformed_text", "m-bad"),
                bad("text with a lone low surrogate", sendWithRawText("\\udc00"), "malformed_text", "m-bad"),
                bad("text ending in a high surrogate", sendWithRawText("ok\\ud83d"), "malformed_text", "m-bad"),
                bad("text with a reversed surrogate pair", sendWithRawText("\\ude00\\ud83d"), "malformed_text",
                        "m-bad"),
                bad("a clientMsgId with a lone surrogate",
                        "{\"type\":\"message.send\",\"clientMsgId\":\"m-\\ud800\",\"text\":\"hi\"}", "malformed_text",
                        null),
                bad("a field name with a lone surrogate",
                        "{\"type\":\"message.send\",\"clientMsgId\":\"m-bad\",\"text\":\"hi\",\"\\udfff\":1}",
                        "malformed_text", "m-bad"),
                // strict JSON: no coercion, no unknown fields, no key twice
                bad("text that is true", frame("type", "message.send", "clientMsgId", "m-bad", "text", true),
                        "bad_frame", "m-bad"),
                bad("text that is a fraction", frame("type", "message.send", "clientMsgId", "m-bad", "text", 4.5),
                        "bad_frame", "m-bad"),
                bad("text that is an array",
                        frame("type", "message.send", "clientMsgId", "m-bad", "text", List.of("hi")), "bad_frame",
                        "m-bad"),
                bad("text that is an object",
                        frame("type", "message.send", "clientMsgId", "m-bad", "text", Map.of("text", "hi")),
                        "bad_frame", "m-bad"),
                bad("a clientMsgId that is an array",
                        frame("type", "message.send", "clientMsgId", List.of("m-bad"), "text", "hi"), "bad_frame",
                        null),
                bad("an unknown field", frame("type", "message.send", "clientMsgId", "m-bad", "text", "hi", "extra", 1),
                        "bad_frame", "m-bad"),
                bad("an unknown field that is null",
                        frame("type", "message.send", "clientMsgId", "m-bad", "text", "hi", "Text", null), "bad_frame",
                        "m-bad"),
                bad("text twice",
                        "{\"type\":\"message.send\",\"clientMsgId\":\"m-bad\",\"text\":\"hi\"," + "\"text\":\"there\"}",
                        "bad_frame", null),
                bad("type twice",
                        "{\"type\":\"ping\",\"type\":\"message.send\",\"clientMsgId\":\"m-bad\"," + "\"text\":\"hi\"}",
                        "bad_frame", null),
                bad("a key twice in a nested object",
                        "{\"type\":\"message.send\",\"clientMsgId\":\"m-bad\","
                                + "\"text\":\"hi\",\"x\":{\"a\":1,\"a\":2}}",
                        "bad_frame", null),
                Arguments.of("sync after a fractional seq",
                        new BadInput((socket, conversation) -> socket
                            .send(frame("type", "sync", "conversation", conversation, "after", 0.5))),
                        "bad_frame", null),
                Arguments.of("sync after a seq that is true",
                        new BadInput((socket, conversation) -> socket
                            .send(frame("type", "sync", "conversation", conversation, "after", true))),
                        "bad_frame", null),
                Arguments.of("sync after a seq past 2^63",
                        new BadInput((socket,
                                conversation) -> socket.send("{\"type\":\"sync\",\"conversation\":\"" + conversation
                                        + "\",\"after\":18446744073709551616}")),
                        "bad_frame", null),
                Arguments.of("sync of a conversation id that is a number",
                        new BadInput((socket, conversation) -> socket
                            .send(frame("type", "sync", "conversation", 7, "after", 0))),
                        "bad_frame", null),
                bad("ping with a field", frame("type", "ping", "extra", List.of(1, 2, 3)), "bad_frame", null),
                bad("a visitor's message.send naming a conversation (a visitor names none)",
                        frame("type", "message.send", "conversation", UUID.randomUUID().toString(), "clientMsgId",
                                "m-bad", "text", "hi"),
                        "bad_frame", "m-bad"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsAnsweredWithItsErrorCodeAndChangesNothing(String name, BadInput input, String code,
            String echoedClientMsgId) throws InterruptedException {
        if (badInputTenant == null) {
            badInputTenant = newTenant(fixtures);
            badInputAgent = agentSocket(port, badInputTenant.owner());
        }
        Tenant tenant = badInputTenant;
        TestSocket agent = badInputAgent;

        try (Visitor visitor = hello(port, tenant.inboxId(), null)) {
            TestSocket socket = visitor.socket();
            String conversation = sendForAck(socket, visitorSend("m-setup", "Before the bad input"))
                .path("conversation")
                .asString();
            agent.send(watch(conversation, 0));
            awaitMessage(agent, 1);
            agent.next("synced");
            barrier(agent);
            barrier(socket);

            input.send().accept(socket, conversation);

            JsonNode error = socket.next();
            checkError(error, code);
            if (echoedClientMsgId != null) {
                assertThat(error.path("clientMsgId").asString()).as("clientMsgId of %s", error)
                    .isEqualTo(echoedClientMsgId);
            }

            // nothing stored, nothing broadcast: not to the visitor, not to the agent
            // watching the conversation
            List<List<JsonNode>> after = quietThenBarrier(List.of(socket, agent));
            assertThat(after.get(0)).as("visitor frames after the error").isEmpty();
            assertThat(after.get(1)).as("agent frames after the error").isEmpty();
            List<Message> stored = stored(context, tenant.workspaceId(), conversation);
            assertThat(seqs(stored)).containsExactly(1L);
            assertThat(stored.getFirst().text()).isEqualTo("Before the bad input");
            assertThat(
                    conversations.find(tenant.workspaceId(), ConversationId.of(conversation)).orElseThrow().lastSeq())
                .isEqualTo(1);

            // and the socket still works
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next().path("type").asString()).isEqualTo("pong");
            socket.send(frame("type", "ping", "extra", List.of(1, 2, 3)));
            checkError(socket.next(), "bad_frame"); // unknown fields are refused (issue
                                                    // 14), and change nothing
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next().path("type").asString()).isEqualTo("pong");
            JsonNode ack = sendForAck(socket, visitorSend("m-after", "After the bad input"));
            assertThat(checkAck(ack, conversation, "m-after", false)).isEqualTo(2);
            assertThat(awaitMessage(agent, 2).path("text").asString()).isEqualTo("After the bad input");
        }
    }

    @Test
    void framesBeforeHelloAreRefusedAndTheSocketCanStillSayHello() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        try (TestSocket socket = TestSocket.visitor(port)) {
            socket.send(visitorSend("m-1", "Let me in"));
            JsonNode refused = socket.next();
            checkError(refused, "not_authenticated");
            assertThat(refused.path("clientMsgId").asString()).isEqualTo("m-1");

            socket.send(sync(UUID.randomUUID().toString(), 0));
            checkError(socket.next(), "not_authenticated");
            socket.send(frame("type", "message.delete"));
            checkError(socket.next(), "unknown_type");
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next().path("type").asString()).isEqualTo("pong");
            assertThat(socket.drain(RealtimeTestSupport.QUIET)).isEmpty();

            socket.send(helloFrame(tenant.inboxId(), null));
            JsonNode welcome = socket.next();
            assertThat(welcome.path("type").asString()).isEqualTo("welcome");
            assertThat(welcome.get("conversation").isNull()).as("nothing was stored before hello").isTrue();
            assertThat(welcome.path("lastSeq").asLong()).isZero();
            assertThat(checkAck(sendForAck(socket, visitorSend("m-1", "Let me in")), null, "m-1", false)).isEqualTo(1);
        }
    }

    @Test
    void helloNamingNoInboxIsRefusedAndTheSocketCanStillSayHello() {
        Tenant tenant = newTenant(fixtures);
        try (TestSocket socket = TestSocket.visitor(port)) {
            for (Map<String, Object> hello : List.of(helloFrame(UUID.randomUUID().toString(), null),
                    helloFrame("not-an-inbox", null), helloFrame(tenant.inboxId().toUpperCase() + "0", null),
                    frame("type", "hello"))) {
                socket.send(hello);
                checkError(socket.next(), "inbox_not_found");
            }
            socket.send(frame("type", "hello", "inbox", 12));
            checkError(socket.next(), "bad_frame");

            // still not authenticated, still alive
            socket.send(visitorSend("m-1", "Hello?"));
            checkError(socket.next(), "not_authenticated");
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next().path("type").asString()).isEqualTo("pong");

            socket.send(helloFrame(tenant.inboxId(), null));
            assertThat(socket.next().path("type").asString()).isEqualTo("welcome");
            assertThat(checkAck(sendForAck(socket, visitorSend("m-1", "Hello?")), null, "m-1", false)).isEqualTo(1);
        }
    }

    @Test
    void aVisitorCannotReadOrWriteAnotherVisitorsConversation() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        try (TestSocket agent = agentSocket(port, tenant.owner());
                Visitor alice = hello(port, tenant.inboxId(), null);
                Visitor bob = hello(port, tenant.inboxId(), null)) {
            String aliceConversation = sendForAck(alice.socket(), visitorSend("a-1", "Secret of Alice"))
                .path("conversation")
                .asString();
            String bobConversation = sendForAck(bob.socket(), visitorSend("b-1", "Hello from Bob")).path("conversation")
                .asString();
            assertThat(bobConversation).isNotEqualTo(aliceConversation);
            agent.send(watch(aliceConversation, 0));
            awaitMessage(agent, 1);
            agent.next("synced");
            barrier(alice.socket());
            barrier(bob.socket());

            bob.socket().send(sync(aliceConversation, 0));
            checkError(bob.socket().next(), "conversation_not_found");
            bob.socket()
                .send(frame("type", "message.send", "conversation", aliceConversation, "clientMsgId", "b-2", "text",
                        "Intrusion"));
            JsonNode refused = bob.socket().next();
            checkError(refused, "bad_frame"); // a visitor's message.send names no
                                              // conversation at all
            assertThat(refused.path("clientMsgId").asString()).isEqualTo("b-2");

            List<List<JsonNode>> after = quietThenBarrier(List.of(bob.socket(), alice.socket(), agent));
            assertThat(after.get(0)).as("Bob receives nothing of Alice's").isEmpty();
            assertThat(after.get(1)).as("Alice receives nothing").isEmpty();
            assertThat(after.get(2)).as("the agent watching Alice's conversation receives nothing").isEmpty();
            assertThat(stored(context, tenant.workspaceId(), aliceConversation)).extracting(Message::text)
                .containsExactly("Secret of Alice");
            assertThat(stored(context, tenant.workspaceId(), bobConversation)).extracting(Message::text)
                .containsExactly("Hello from Bob");

            // naming his own conversation works
            bob.socket().send(sync(bobConversation, 0));
            assertThat(bob.socket().next().path("text").asString()).isEqualTo("Hello from Bob");
            JsonNode synced = bob.socket().next();
            assertThat(synced.path("type").asString()).isEqualTo("synced");
            assertThat(synced.path("conversation").asString()).isEqualTo(bobConversation);
            assertThat(synced.path("lastSeq").asLong()).isEqualTo(1);
            assertThat(synced.path("more").booleanValue()).isFalse();
            JsonNode ack = sendForAck(bob.socket(), visitorSend("b-2", "Into my own"));
            assertThat(checkAck(ack, bobConversation, "b-2", false)).isEqualTo(2);
        }
    }

    @Test
    void aVisitorCannotReadOrWriteAConversationOfAnotherWorkspace() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        Tenant other = newTenant(fixtures);
        try (Visitor foreigner = hello(port, other.inboxId(), null);
                Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String foreignConversation = sendForAck(foreigner.socket(), visitorSend("f-1", "Secret elsewhere"))
                .path("conversation")
                .asString();
            barrier(foreigner.socket());

            visitor.socket().send(sync(foreignConversation, 0));
            checkError(visitor.socket().next(), "conversation_not_found");
            visitor.socket()
                .send(frame("type", "message.send", "conversation", foreignConversation, "clientMsgId", "m-1", "text",
                        "Intrusion"));
            checkError(visitor.socket().next(), "bad_frame"); // a visitor's message.send
                                                              // names no conversation

            assertThat(quietThenBarrier(List.of(visitor.socket(), foreigner.socket())))
                .allSatisfy(frames -> assertThat(frames).isEmpty());
            assertThat(stored(context, other.workspaceId(), foreignConversation)).extracting(Message::text)
                .containsExactly("Secret elsewhere");
            // nor did the refused send open a conversation for the visitor
            try (Visitor again = hello(port, tenant.inboxId(), visitor.token())) {
                assertThat(again.contact()).isEqualTo(visitor.contact());
                assertThat(again.welcome().get("conversation").isNull()).isTrue();
            }
        }
    }

}
