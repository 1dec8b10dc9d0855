package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.confidant.widget.VisitorTokenTestSamples;
import org.springframework.context.ApplicationContext;

import org.confidant.Fixtures;
import tools.jackson.databind.JsonNode;

/**
 * What the socket integration tests share: building a workspace with an inbox, signing
 * agents in, saying hello as a visitor, and the small protocol steps (send and wait for
 * the ack, barriers, proving that nothing arrived).
 */
final class RealtimeTestSupport {

    /** How long a test listens to prove that a frame does not arrive. */
    static final Duration QUIET = Duration.ofMillis(300);

    private RealtimeTestSupport() {
    }

    /** A new workspace with its owner and one inbox. */
    record Tenant(Member owner, Inbox inbox) {

        WorkspaceId workspaceId() {
            return owner.workspaceId();
        }

        String inboxId() {
            return inbox.id().toString();
        }
    }

    /** A visitor socket that has said hello, and the welcome it got. */
    record Visitor(TestSocket socket, JsonNode welcome) implements AutoCloseable {

        String token() {
            return welcome.path("token").asString();
        }

        /** The contact the visitor's token names: who this visitor is. */
        ContactId contact() {
            return VisitorTokenTestSamples.contactOf(token());
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static Tenant newTenant(Fixtures fixtures) {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = fixtures.liveInbox(owner, "Website");
        return new Tenant(owner, inbox);
    }

    /**
     * Signs the member in over HTTP and opens an agent socket; the welcome is consumed
     * and checked.
     */
    static TestSocket agentSocket(int port, Member member) {
        DashboardSession session = DashboardSession.signIn(port, member.email(), Fixtures.PASSWORD);
        return agentSocket(port, session, member);
    }

    /**
     * Opens another agent socket of an already signed-in session (a reconnect, or a
     * second tab).
     */
    static TestSocket agentSocket(int port, DashboardSession session, Member member) {
        TestSocket socket = TestSocket.agent(port, session.cookie());
        JsonNode welcome = socket.next();
        assertThat(welcome.path("type").asString()).as("first agent frame: %s", welcome).isEqualTo("welcome");
        assertThat(welcome.path("member").asString()).isEqualTo(member.id().toString());
        return socket;
    }

    /** A new visitor socket; {@code token} null starts a new visitor. */
    static Visitor hello(int port, String inboxId, String token) {
        TestSocket socket = TestSocket.visitor(port);
        socket.send(helloFrame(inboxId, token));
        JsonNode welcome = socket.next();
        assertThat(welcome.path("type").asString()).as("answer to hello: %s", welcome).isEqualTo("welcome");
        return new Visitor(socket, welcome);
    }

    static Map<String, Object> helloFrame(String inboxId, String token) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "hello");
        frame.put("inbox", inboxId);
        frame.put("host", Fixtures.HOST);
        if (token != null) {
            frame.put("token", token);
        }
        return frame;
    }

    /** A visitor's {@code message.send} (into their own conversation of the inbox). */
    static Map<String, Object> visitorSend(String clientMsgId, String text) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "message.send");
        frame.put("clientMsgId", clientMsgId);
        frame.put("text", text);
        return frame;
    }

    /** An agent's {@code message.send} into the conversation. */
    static Map<String, Object> agentSend(String conversation, String clientMsgId, String text) {
        Map<String, Object> frame = visitorSend(clientMsgId, text);
        frame.put("conversation", conversation);
        return frame;
    }

    static Map<String, Object> sync(String conversation, long after) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "sync");
        frame.put("conversation", conversation);
        frame.put("after", after);
        return frame;
    }

    static Map<String, Object> watch(String conversation, long after) {
        Map<String, Object> frame = sync(conversation, after);
        frame.put("type", "watch");
        return frame;
    }

    static Map<String, Object> read(String conversation, long seq) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "read");
        frame.put("conversation", conversation);
        frame.put("seq", seq);
        return frame;
    }

    /**
     * Sends the frame and returns the {@code ack} for it, skipping the live frames that
     * arrive meanwhile; an {@code error} frame fails the test.
     */
    static JsonNode sendForAck(TestSocket socket, Map<String, Object> frame) {
        socket.send(frame);
        return awaitAck(socket, (String) frame.get("clientMsgId"));
    }

    static JsonNode awaitAck(TestSocket socket, String clientMsgId) {
        while (true) {
            JsonNode next = socket.next();
            String type = next.path("type").asString();
            assertThat(type).as("waiting for the ack of %s, got %s", clientMsgId, next).isNotEqualTo("error");
            if (type.equals("ack")) {
                assertThat(next.path("clientMsgId").asString()).as("ack %s", next).isEqualTo(clientMsgId);
                return next;
            }
        }
    }

    /**
     * The sender's ack and its own copy of the message (the protocol sends both, in
     * either order).
     */
    record Sent(JsonNode ack, JsonNode echo) {
    }

    /**
     * Sends a visitor message and waits for both its ack and the copy every socket of the
     * conversation receives.
     */
    static Sent sendForAckAndEcho(TestSocket socket, Map<String, Object> frame) {
        String clientMsgId = (String) frame.get("clientMsgId");
        socket.send(frame);
        JsonNode ack = null;
        JsonNode echo = null;
        while (ack == null || echo == null) {
            JsonNode next = socket.next();
            String type = next.path("type").asString();
            assertThat(type).as("waiting for the ack of %s, got %s", clientMsgId, next).isNotEqualTo("error");
            if (type.equals("ack") && next.path("clientMsgId").asString().equals(clientMsgId)) {
                ack = next;
            }
            else if (type.equals("message") && next.path("clientMsgId").asString().equals(clientMsgId)) {
                echo = next;
            }
        }
        return new Sent(ack, echo);
    }

    /**
     * The next {@code message} frame with this sequence number; other frames before it
     * are skipped.
     */
    static JsonNode awaitMessage(TestSocket socket, long seq) {
        while (true) {
            JsonNode next = socket.next("message");
            if (next.path("seq").asLong() == seq) {
                return next;
            }
        }
    }

    /**
     * Sends {@code ping} and returns every frame received before the {@code pong}. Each
     * socket's frames are handled one at a time and sent in order, so whatever the server
     * sent to this socket before it handled the ping has arrived once the pong has.
     */
    static List<JsonNode> barrier(TestSocket socket) {
        socket.send("{\"type\":\"ping\"}");
        List<JsonNode> before = new ArrayList<>();
        while (true) {
            JsonNode next = socket.next();
            if (next.path("type").asString().equals("pong")) {
                return before;
            }
            before.add(next);
        }
    }

    /**
     * Listens for {@link #QUIET}, then up to a barrier, and returns everything that
     * arrived.
     */
    static List<JsonNode> quietThenBarrier(TestSocket socket) throws InterruptedException {
        return quietThenBarrier(List.of(socket)).getFirst();
    }

    /**
     * Listens to all the sockets during one {@link #QUIET} period, then takes each up to
     * a barrier; returns what arrived on each, in the order of the sockets.
     */
    static List<List<JsonNode>> quietThenBarrier(List<TestSocket> sockets) throws InterruptedException {
        List<List<JsonNode>> received = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++) {
            // the first drain waits out the quiet period; the others' frames have queued
            // up meanwhile
            List<JsonNode> frames = new ArrayList<>(sockets.get(i).drain(i == 0 ? QUIET : Duration.ZERO));
            received.add(frames);
        }
        for (int i = 0; i < sockets.size(); i++) {
            received.get(i).addAll(barrier(sockets.get(i)));
        }
        return received;
    }

    static List<String> types(List<JsonNode> frames) {
        return frames.stream().map(f -> f.path("type").asString()).toList();
    }

    /**
     * Checks the shape of an ack (committed, so {@code sentAt} is a timestamp) and
     * returns its seq.
     */
    static long checkAck(JsonNode ack, String conversation, String clientMsgId, boolean duplicate) {
        assertThat(ack.path("type").asString()).isEqualTo("ack");
        assertThat(ack.path("clientMsgId").asString()).isEqualTo(clientMsgId);
        if (conversation != null) {
            assertThat(ack.path("conversation").asString()).isEqualTo(conversation);
        }
        assertThat(ack.path("duplicate").isBoolean()).as("duplicate is a boolean: %s", ack).isTrue();
        assertThat(ack.path("duplicate").booleanValue()).as("duplicate flag of %s", ack).isEqualTo(duplicate);
        assertThat(Instant.parse(ack.path("sentAt").asString())).isNotNull();
        return ack.path("seq").asLong();
    }

    static void checkError(JsonNode frame, String code) {
        assertThat(frame.path("type").asString()).as("expected an error %s, got %s", code, frame).isEqualTo("error");
        assertThat(frame.path("code").asString()).as("error code of %s", frame).isEqualTo(code);
        assertThat(frame.path("message").asString()).as("error message of %s", frame).isNotBlank();
    }

    static List<Message> stored(ApplicationContext context, WorkspaceId workspace, String conversation) {
        return context.getBean(ConversationManagement.class)
            .messagesAfter(workspace, ConversationId.of(conversation), 0);
    }

    static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }

}
