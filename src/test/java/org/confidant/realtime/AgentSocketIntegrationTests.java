package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.confidant.realtime.RealtimeTestSupport.agentSend;
import static org.confidant.realtime.RealtimeTestSupport.agentSocket;
import static org.confidant.realtime.RealtimeTestSupport.awaitAck;
import static org.confidant.realtime.RealtimeTestSupport.awaitMessage;
import static org.confidant.realtime.RealtimeTestSupport.barrier;
import static org.confidant.realtime.RealtimeTestSupport.checkAck;
import static org.confidant.realtime.RealtimeTestSupport.checkError;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.quietThenBarrier;
import static org.confidant.realtime.RealtimeTestSupport.read;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.seqs;
import static org.confidant.realtime.RealtimeTestSupport.stored;
import static org.confidant.realtime.RealtimeTestSupport.types;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;
import static org.confidant.realtime.RealtimeTestSupport.watch;

import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.confidant.DashboardSession;
import org.confidant.access.Grants;
import org.confidant.conversation.AuthorKind;
import org.confidant.conversation.ConversationFilter;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.ConversationSummary;
import org.confidant.conversation.Message;
import org.confidant.identity.Member;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The agent socket ({@code /ws/agent}, docs/protocol.md): the session-cookie, same-origin
 * handshake, the workspace's {@code conversation.changed} stream, watching with catch-up,
 * replying, read markers, and the wall between workspaces.
 */
@IntegrationTest
class AgentSocketIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ConversationManagement conversations;

    @Test
    void aHandshakeWithoutAValidSessionCookieIsRefused() {
        // the dashboard's security chain answers the upgrade request like any
        // unauthenticated request: no socket
        assertThat(refusedHandshakeStatus(() -> TestSocket.agent(port, null))).isEqualTo(302);
        assertThat(refusedHandshakeStatus(() -> TestSocket.agent(port, "confidant_session=not-a-session")))
            .isEqualTo(302);
    }

    @Test
    void aCrossOriginHandshakeIsRefusedEvenWithAValidSessionCookie() {
        Tenant tenant = newTenant(fixtures);
        DashboardSession session = DashboardSession.signIn(port, tenant.owner().email(), Fixtures.PASSWORD);

        assertThat(refusedHandshakeStatus(() -> TestSocket.agent(port, session.cookie(), "http://evil.example")))
            .isEqualTo(403);
        assertThat(refusedHandshakeStatus(() -> TestSocket.agent(port, session.cookie(), "https://127.0.0.1:" + port)))
            .as("another scheme is another origin")
            .isEqualTo(403);
        assertThat(refusedHandshakeStatus(() -> TestSocket.agent(port, session.cookie(), "null")))
            .as("an opaque origin")
            .isEqualTo(403);
        // an Origin that is not even a URL is refused like any other (it was a 500 with a
        // stack trace in the log)
        assertThat(refusedHandshakeStatus(
                () -> TestSocket.agent(port, session.cookie(), "http://127.0.0.1:" + port + ".evil.example")))
            .isEqualTo(403);

        // the same cookie from the dashboard's own origin is welcome
        try (TestSocket socket = agentSocket(port, session, tenant.owner())) {
            barrier(socket);
        }
    }

    @Test
    void anAgentFollowsItsWorkspaceAndCatchesUpWhenItWatches() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        Tenant other = newTenant(fixtures);
        try (TestSocket agent = agentSocket(port, tenant.owner());
                TestSocket outsider = agentSocket(port, other.owner());
                Visitor visitor = hello(port, tenant.inboxId(), null)) {

            JsonNode ack = sendForAck(visitor.socket(), visitorSend("v-1", "First"));
            String conversation = ack.path("conversation").asString();
            JsonNode changed = agent.next("conversation.changed");
            assertThat(changed.path("conversation").asString()).isEqualTo(conversation);
            assertThat(changed.path("status").asString()).isEqualTo("open");
            assertThat(changed.has("assignee") && changed.get("assignee").isNull()).as("assignee of %s", changed)
                .isTrue();
            assertThat(changed.path("lastSeq").asLong()).isEqualTo(1);

            sendForAck(visitor.socket(), visitorSend("v-2", "Second"));
            sendForAck(visitor.socket(), visitorSend("v-3", "Third"));
            assertThat(agent.next("conversation.changed").path("lastSeq").asLong()).isEqualTo(2);
            assertThat(agent.next("conversation.changed").path("lastSeq").asLong()).isEqualTo(3);
            assertThat(types(barrier(agent))).as("an agent not watching gets no messages").doesNotContain("message");

            String visitorName = stored(context, tenant.workspaceId(), conversation).getFirst().authorName();
            agent.send(watch(conversation, 0));
            List<String> texts = List.of("First", "Second", "Third");
            for (int seq = 1; seq <= 3; seq++) {
                JsonNode message = agent.next();
                assertThat(message.path("type").asString()).as("catch-up frame %d: %s", seq, message)
                    .isEqualTo("message");
                assertThat(message.path("conversation").asString()).isEqualTo(conversation);
                assertThat(message.path("seq").asLong()).isEqualTo(seq);
                assertThat(message.path("clientMsgId").asString()).isEqualTo("v-" + seq);
                assertThat(message.path("text").asString()).isEqualTo(texts.get(seq - 1));
                assertThat(message.path("author").path("kind").asString()).isEqualTo("visitor");
                assertThat(message.path("author").path("name").asString()).isEqualTo(visitorName).isNotBlank();
            }
            JsonNode synced = agent.next();
            assertThat(synced.path("type").asString()).isEqualTo("synced");
            assertThat(synced.path("conversation").asString()).isEqualTo(conversation);
            assertThat(synced.path("lastSeq").asLong()).isEqualTo(3);
            assertThat(synced.path("more").isBoolean() && !synced.path("more").booleanValue()).isTrue();

            // live messages of the watched conversation
            sendForAck(visitor.socket(), visitorSend("v-4", "Fourth"));
            assertThat(awaitMessage(agent, 4).path("text").asString()).isEqualTo("Fourth");

            // watching again from a later point sends only what comes after it
            barrier(agent);
            agent.send(watch(conversation, 2));
            assertThat(agent.next().path("seq").asLong()).isEqualTo(3);
            assertThat(agent.next().path("seq").asLong()).isEqualTo(4);
            assertThat(agent.next().path("type").asString()).isEqualTo("synced");

            // the agent of another workspace heard nothing of it, and may not touch it
            assertThat(quietThenBarrier(outsider)).as("frames to the other workspace's agent").isEmpty();
            outsider.send(watch(conversation, 0));
            checkError(outsider.next(), "conversation_not_found");
            outsider.send(agentSend(conversation, "x-1", "Intrusion"));
            JsonNode refused = outsider.next();
            checkError(refused, "conversation_not_found");
            assertThat(refused.path("clientMsgId").asString()).isEqualTo("x-1");
            outsider.send(read(conversation, 4));
            checkError(outsider.next(), "conversation_not_found");
            outsider.send(watch("not-a-conversation", 0));
            checkError(outsider.next(), "conversation_not_found");

            // the refused watch subscribed it to nothing; the refused send stored and
            // broadcast nothing
            sendForAck(visitor.socket(), visitorSend("v-5", "Fifth"));
            assertThat(awaitMessage(agent, 5).path("text").asString()).isEqualTo("Fifth");
            List<List<JsonNode>> after = quietThenBarrier(List.of(outsider, visitor.socket()));
            assertThat(after.get(0)).as("frames to the other workspace's agent").isEmpty();
            assertThat(after.get(1)).extracting(f -> f.path("text").asString()).doesNotContain("Intrusion");
            assertThat(stored(context, tenant.workspaceId(), conversation)).extracting(Message::text)
                .containsExactly("First", "Second", "Third", "Fourth", "Fifth");
            assertThat(conversations.list(grants(other.owner()), ConversationFilter.OPEN)).isEmpty();
        }
    }

    @Test
    void anAgentReplyIsAcknowledgedAndReachesTheVisitorUnderTheAgentsName() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        Member grace = fixtures.agent(tenant.owner(), "Grace Hopper");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), grace);
        try (TestSocket agent = agentSocket(port, grace); Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", "Is anyone there?"))
                .path("conversation")
                .asString();
            barrier(visitor.socket());

            JsonNode ack = sendForAck(agent, agentSend(conversation, "a-1", "How can I help?"));
            assertThat(checkAck(ack, conversation, "a-1", false)).isEqualTo(2);
            Message reply = stored(context, tenant.workspaceId(), conversation).getLast();
            assertThat(reply.seq()).as("committed before the ack").isEqualTo(2);
            assertThat(reply.authorKind()).isEqualTo(AuthorKind.AGENT);
            assertThat(reply.authorName()).isEqualTo("Grace Hopper");

            JsonNode received = visitor.socket().next();
            assertThat(received.path("type").asString()).isEqualTo("message");
            assertThat(received.path("conversation").asString()).isEqualTo(conversation);
            assertThat(received.path("seq").asLong()).isEqualTo(2);
            assertThat(received.path("clientMsgId").asString()).isEqualTo("a-1");
            assertThat(received.path("author").path("kind").asString()).isEqualTo("agent");
            assertThat(received.path("author").path("name").asString()).isEqualTo("Grace Hopper");
            assertThat(received.path("text").asString()).isEqualTo("How can I help?");
            assertThat(received.path("sentAt").asString()).isEqualTo(ack.path("sentAt").asString());

            assertThat(unread(tenant, grace, conversation)).as("replying marks the conversation read").isZero();

            // the agent's sends are idempotent too
            agent.send(agentSend(conversation, "a-1", "How can I help?"));
            assertThat(checkAck(awaitAck(agent, "a-1"), conversation, "a-1", true)).isEqualTo(2);
            agent.send(agentSend(conversation, "a-1", "Something else"));
            checkError(agent.next("error"), "client_msg_id_conflict");
            assertThat(quietThenBarrier(visitor.socket())).as("the visitor gets no second copy").isEmpty();
            assertThat(seqs(stored(context, tenant.workspaceId(), conversation))).containsExactly(1L, 2L);
        }
    }

    @Test
    void readMovesTheUnreadCountDownAndNeverBack() {
        Tenant tenant = newTenant(fixtures);
        Member colleague = fixtures.agent(tenant.owner(), "Colleague");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), colleague);
        try (TestSocket agent = agentSocket(port, tenant.owner());
                Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String conversation = null;
            for (int i = 1; i <= 3; i++) {
                conversation = sendForAck(visitor.socket(), visitorSend("v-" + i, "Message " + i)).path("conversation")
                    .asString();
            }
            assertThat(unread(tenant, tenant.owner(), conversation)).isEqualTo(3);

            agent.send(read(conversation, 2));
            barrier(agent); // read has no answer: the pong says it has been handled
            assertThat(unread(tenant, tenant.owner(), conversation)).isEqualTo(1);

            agent.send(read(conversation, 1));
            barrier(agent);
            assertThat(unread(tenant, tenant.owner(), conversation)).as("read never moves backwards").isEqualTo(1);

            agent.send(read(conversation, 99));
            barrier(agent);
            assertThat(unread(tenant, tenant.owner(), conversation)).as("read past the end").isZero();
            assertThat(conversations.lastReadSeq(tenant.workspaceId(), ConversationId.of(conversation),
                    tenant.owner().id()))
                .as("clamped to the last message")
                .isEqualTo(3);

            sendForAck(visitor.socket(), visitorSend("v-4", "Message 4"));
            assertThat(unread(tenant, tenant.owner(), conversation)).isEqualTo(1);
            assertThat(unread(tenant, colleague, conversation)).as("read markers are per member").isEqualTo(4);

            agent.send(read(conversation, -1));
            checkError(agent.next("error"), "bad_frame");
            agent.send(read(UUID.randomUUID().toString(), 1));
            checkError(agent.next("error"), "conversation_not_found");
            assertThat(unread(tenant, tenant.owner(), conversation)).isEqualTo(1);
        }
    }

    @Test
    void aVisitorMessageReopensAResolvedConversation() {
        Tenant tenant = newTenant(fixtures);
        try (TestSocket agent = agentSocket(port, tenant.owner());
                Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", "Thanks, that's all"))
                .path("conversation")
                .asString();
            barrier(agent);

            conversations.resolve(grants(tenant.owner()), ConversationId.of(conversation));
            JsonNode resolved = agent.next("conversation.changed");
            assertThat(resolved.path("conversation").asString()).isEqualTo(conversation);
            assertThat(resolved.path("status").asString()).isEqualTo("resolved");
            assertThat(resolved.path("lastSeq").asLong()).isEqualTo(1);

            JsonNode ack = sendForAck(visitor.socket(), visitorSend("v-2", "Actually, one more thing"));
            assertThat(checkAck(ack, conversation, "v-2", false)).as("the same conversation, reopened").isEqualTo(2);
            JsonNode reopened = agent.next("conversation.changed");
            assertThat(reopened.path("conversation").asString()).isEqualTo(conversation);
            assertThat(reopened.path("status").asString()).isEqualTo("open");
            assertThat(reopened.path("lastSeq").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aNewWatchReplacesTheOldOne() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        try (TestSocket agent = agentSocket(port, tenant.owner());
                Visitor alice = hello(port, tenant.inboxId(), null);
                Visitor bob = hello(port, tenant.inboxId(), null)) {
            String aliceConversation = sendForAck(alice.socket(), visitorSend("a-1", "Alice 1")).path("conversation")
                .asString();
            String bobConversation = sendForAck(bob.socket(), visitorSend("b-1", "Bob 1")).path("conversation")
                .asString();
            agent.send(watch(aliceConversation, 1));
            assertThat(agent.next("synced").path("conversation").asString()).isEqualTo(aliceConversation);
            agent.send(watch(bobConversation, 1));
            assertThat(agent.next("synced").path("conversation").asString()).isEqualTo(bobConversation);
            barrier(agent);

            sendForAck(alice.socket(), visitorSend("a-2", "Alice 2"));
            sendForAck(bob.socket(), visitorSend("b-2", "Bob 2"));
            List<JsonNode> frames = quietThenBarrier(agent);
            assertThat(frames).filteredOn(f -> f.path("type").asString().equals("message"))
                .extracting(f -> f.path("text").asString())
                .containsExactly("Bob 2");
            assertThat(frames).filteredOn(f -> f.path("type").asString().equals("conversation.changed"))
                .extracting(f -> f.path("conversation").asString())
                .containsExactlyInAnyOrder(aliceConversation, bobConversation);
        }
    }

    private long unread(Tenant tenant, Member viewer, String conversation) {
        List<ConversationSummary> list = conversations.list(grants(viewer), ConversationFilter.OPEN);
        return list.stream()
            .filter(s -> s.conversation().id().toString().equals(conversation))
            .findFirst()
            .orElseThrow(() -> new AssertionError("conversation " + conversation + " not in the list"))
            .unread();
    }

    /**
     * Opens a socket that must be refused at the handshake; returns the HTTP status the
     * server answered.
     */
    private static int refusedHandshakeStatus(ThrowingCallable open) {
        Throwable thrown = catchThrowable(open);
        assertThat(thrown).as("the handshake must be refused").isNotNull();
        Throwable cause = thrown;
        while (cause.getCause() != null && !(cause instanceof WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("refused at the handshake").isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    private Grants grants(Member member) {
        return fixtures.grants(member);
    }

}
