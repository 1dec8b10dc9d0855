package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.agentSend;
import static org.confidant.realtime.RealtimeTestSupport.awaitAck;
import static org.confidant.realtime.RealtimeTestSupport.awaitMessage;
import static org.confidant.realtime.RealtimeTestSupport.barrier;
import static org.confidant.realtime.RealtimeTestSupport.checkAck;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.quietThenBarrier;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.seqs;
import static org.confidant.realtime.RealtimeTestSupport.stored;
import static org.confidant.realtime.RealtimeTestSupport.sync;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;
import static org.confidant.realtime.RealtimeTestSupport.watch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.confidant.DashboardSession;
import org.confidant.conversation.AuthorKind;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
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
 * The acceptance test: live delivery is best effort, and a client that loses its
 * connection catches up by sequence number after reconnecting, sees each message once and
 * in order, and resends unacknowledged messages without creating copies. Sequence numbers
 * stay gapless under concurrent senders.
 */
@IntegrationTest
class ReconnectIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aVisitorWhoReconnectsGetsExactlyTheMessagesItMissed() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        DashboardSession session = DashboardSession.signIn(port, tenant.owner().email(), Fixtures.PASSWORD);
        try (TestSocket agent = RealtimeTestSupport.agentSocket(port, session, tenant.owner())) {
            Visitor visitor = hello(port, tenant.inboxId(), null);
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", "Hello")).path("conversation")
                .asString();
            agent.send(watch(conversation, 0));
            awaitMessage(agent, 1);
            agent.next("synced");
            sendForAck(agent, agentSend(conversation, "a-1", "Hi, one moment"));
            long lastSeen = awaitMessage(visitor.socket(), 2).path("seq").asLong();
            assertThat(lastSeen).isEqualTo(2);

            visitor.socket().drop();
            for (int i = 2; i <= 4; i++) {
                assertThat(checkAck(sendForAck(agent, agentSend(conversation, "a-" + i, "Missed " + i)), conversation,
                        "a-" + i, false))
                    .isEqualTo(i + 1);
            }

            try (Visitor back = hello(port, tenant.inboxId(), visitor.token())) {
                assertThat(back.contact()).isEqualTo(visitor.contact());
                assertThat(back.welcome().path("conversation").asString()).isEqualTo(conversation);
                assertThat(back.welcome().path("lastSeq").asLong()).isEqualTo(5);

                back.socket().send(sync(conversation, lastSeen));
                List<JsonNode> caughtUp = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    caughtUp.add(back.socket().next());
                }
                assertThat(caughtUp).extracting(f -> f.path("type").asString()).containsOnly("message");
                assertThat(caughtUp).extracting(f -> f.path("seq").asLong()).containsExactly(3L, 4L, 5L);
                assertThat(caughtUp).extracting(f -> f.path("text").asString())
                    .containsExactly("Missed 2", "Missed 3", "Missed 4");
                assertThat(caughtUp).extracting(f -> f.path("author").path("kind").asString()).containsOnly("agent");
                JsonNode synced = back.socket().next();
                assertThat(synced.path("type").asString()).isEqualTo("synced");
                assertThat(synced.path("conversation").asString()).isEqualTo(conversation);
                assertThat(synced.path("lastSeq").asLong()).isEqualTo(5);
                assertThat(synced.path("more").booleanValue()).isFalse();
                assertThat(quietThenBarrier(back.socket())).as("nothing more, no message twice").isEmpty();

                // and the new socket is live again
                sendForAck(agent, agentSend(conversation, "a-5", "Welcome back"));
                assertThat(back.socket().next().path("seq").asLong()).isEqualTo(6);
            }
        }
    }

    @Test
    void anAgentWhoReconnectsGetsExactlyTheMessagesItMissed() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        DashboardSession session = DashboardSession.signIn(port, tenant.owner().email(), Fixtures.PASSWORD);
        try (Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", "Hello")).path("conversation")
                .asString();
            TestSocket agent = RealtimeTestSupport.agentSocket(port, session, tenant.owner());
            agent.send(watch(conversation, 0));
            awaitMessage(agent, 1);
            agent.next("synced");
            sendForAck(visitor.socket(), visitorSend("v-2", "Are you there?"));
            long lastSeen = awaitMessage(agent, 2).path("seq").asLong();

            agent.drop();
            for (int i = 3; i <= 5; i++) {
                assertThat(sendForAck(visitor.socket(), visitorSend("v-" + i, "Missed " + i)).path("seq").asLong())
                    .isEqualTo(i);
            }

            try (TestSocket back = RealtimeTestSupport.agentSocket(port, session, tenant.owner())) {
                back.send(watch(conversation, lastSeen));
                List<JsonNode> caughtUp = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    caughtUp.add(back.next());
                }
                assertThat(caughtUp).extracting(f -> f.path("type").asString()).containsOnly("message");
                assertThat(caughtUp).extracting(f -> f.path("seq").asLong()).containsExactly(3L, 4L, 5L);
                assertThat(caughtUp).extracting(f -> f.path("text").asString())
                    .containsExactly("Missed 3", "Missed 4", "Missed 5");
                JsonNode synced = back.next();
                assertThat(synced.path("type").asString()).isEqualTo("synced");
                assertThat(synced.path("lastSeq").asLong()).isEqualTo(5);
                assertThat(synced.path("more").booleanValue()).isFalse();
                assertThat(quietThenBarrier(back)).extracting(f -> f.path("type").asString())
                    .as("nothing more, no message twice")
                    .doesNotContain("message");

                sendForAck(visitor.socket(), visitorSend("v-6", "Live again"));
                assertThat(awaitMessage(back, 6).path("text").asString()).isEqualTo("Live again");
            }
        }
    }

    @Test
    void resendingAMessageWhoseAckWasLostCreatesNoCopy() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        try (TestSocket agent = RealtimeTestSupport.agentSocket(port, tenant.owner())) {
            Visitor visitor = hello(port, tenant.inboxId(), null);
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", "Hello")).path("conversation")
                .asString();
            agent.send(watch(conversation, 0));
            awaitMessage(agent, 1);
            agent.next("synced");

            // the message reaches the server, the connection dies before the ack is read
            visitor.socket().send(visitorSend("v-2", "Did this arrive?"));
            visitor.socket().drop();
            JsonNode delivered = awaitMessage(agent, 2); // committed: the watching agent
                                                         // has it
            assertThat(delivered.path("clientMsgId").asString()).isEqualTo("v-2");

            try (Visitor back = hello(port, tenant.inboxId(), visitor.token())) {
                back.socket().send(visitorSend("v-2", "Did this arrive?"));
                JsonNode ack = back.socket().next();
                assertThat(checkAck(ack, conversation, "v-2", true)).isEqualTo(2);
                assertThat(ack.path("sentAt").asString()).isEqualTo(delivered.path("sentAt").asString());

                List<Message> stored = stored(context, tenant.workspaceId(), conversation);
                assertThat(seqs(stored)).containsExactly(1L, 2L);
                assertThat(stored).filteredOn(m -> m.clientMsgId().equals("v-2")).hasSize(1);
                List<List<JsonNode>> after = quietThenBarrier(List.of(agent, back.socket()));
                assertThat(after.get(0)).extracting(f -> f.path("type").asString()).doesNotContain("message");
                assertThat(after.get(1)).isEmpty();
            }
        }
    }

    @Test
    void concurrentSendersGetGaplessSequenceNumbers() throws Exception {
        int perSide = 20;
        Tenant tenant = newTenant(fixtures);
        try (TestSocket agent = RealtimeTestSupport.agentSocket(port, tenant.owner());
                Visitor visitor = hello(port, tenant.inboxId(), null)) {
            // the first message opens the conversation the agent then writes into
            String conversation = sendForAck(visitor.socket(), visitorSend("v-01", "Visitor 1")).path("conversation")
                .asString();
            List<JsonNode> visitorFrames = new ArrayList<>(barrier(visitor.socket()));
            barrier(agent);

            CountDownLatch start = new CountDownLatch(1);
            ExecutorService senders = Executors.newFixedThreadPool(2);
            Future<?> visitorSends = senders.submit(() -> {
                await(start);
                for (int i = 2; i <= perSide; i++) {
                    visitor.socket().send(visitorSend("v-%02d".formatted(i), "Visitor " + i));
                }
            });
            Future<?> agentSends = senders.submit(() -> {
                await(start);
                for (int i = 1; i <= perSide; i++) {
                    agent.send(agentSend(conversation, "a-%02d".formatted(i), "Agent " + i));
                }
            });
            start.countDown();
            visitorSends.get(30, TimeUnit.SECONDS);
            agentSends.get(30, TimeUnit.SECONDS);
            senders.shutdown();

            visitorFrames.addAll(untilAcks(visitor.socket(), perSide - 1));
            List<Long> visitorAcks = acks(visitorFrames, conversation, "v-");
            List<Long> agentAcks = acks(untilAcks(agent, perSide), conversation, "a-");
            assertThat(visitorAcks).hasSize(perSide - 1);
            assertThat(agentAcks).hasSize(perSide);
            assertThat(visitorAcks).as("the visitor's acks, in sending order").isSorted().doesNotHaveDuplicates();
            assertThat(agentAcks).as("the agent's acks, in sending order").isSorted().doesNotHaveDuplicates();

            List<Message> stored = stored(context, tenant.workspaceId(), conversation);
            assertThat(seqs(stored)).isEqualTo(LongStream.rangeClosed(1, 2L * perSide).boxed().toList());
            Map<String, Long> seqByClientMsgId = new HashMap<>();
            stored.forEach(m -> seqByClientMsgId.put(m.clientMsgId(), m.seq()));
            assertThat(seqByClientMsgId).hasSize(2 * perSide);
            for (int i = 2; i <= perSide; i++) {
                assertThat(seqByClientMsgId.get("v-%02d".formatted(i))).isEqualTo(visitorAcks.get(i - 2));
            }
            for (int i = 1; i <= perSide; i++) {
                assertThat(seqByClientMsgId.get("a-%02d".formatted(i))).isEqualTo(agentAcks.get(i - 1));
            }
            assertThat(stored).filteredOn(m -> m.authorKind() == AuthorKind.VISITOR)
                .extracting(Message::text)
                .isEqualTo(LongStream.rangeClosed(1, perSide).mapToObj(i -> "Visitor " + i).toList());
            assertThat(stored).filteredOn(m -> m.authorKind() == AuthorKind.AGENT)
                .extracting(Message::text)
                .isEqualTo(LongStream.rangeClosed(1, perSide).mapToObj(i -> "Agent " + i).toList());

            // live fan-out is at most once: the visitor's socket never got a sequence
            // number twice
            visitorFrames.addAll(barrier(visitor.socket()));
            assertThat(visitorFrames).filteredOn(f -> f.path("type").asString().equals("message"))
                .extracting(f -> f.path("seq").asLong())
                .doesNotHaveDuplicates();
        }
    }

    @Test
    void twoTabsOfANewVisitorWritingAtOnceShareOneConversation() throws Exception {
        Tenant tenant = newTenant(fixtures);
        ExecutorService tabs = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                try (Visitor first = hello(port, tenant.inboxId(), null);
                        Visitor second = hello(port, tenant.inboxId(), first.token())) {
                    // different messages: both stored, in one conversation, as seq 1 and
                    // 2
                    List<JsonNode> acks = sendAtOnce(tabs, first.socket(), visitorSend("t1-1", "From tab 1"),
                            second.socket(), visitorSend("t2-1", "From tab 2"));
                    String conversation = acks.get(0).path("conversation").asString();
                    assertThat(acks.get(1).path("conversation").asString()).as("round %d", round)
                        .isEqualTo(conversation);
                    assertThat(acks).extracting(a -> a.path("seq").asLong()).containsExactlyInAnyOrder(1L, 2L);
                    assertThat(acks).extracting(a -> a.path("duplicate").booleanValue()).containsOnly(false);

                    // the same message from both tabs at once (a resend racing the
                    // original): stored once
                    acks = sendAtOnce(tabs, first.socket(), visitorSend("same-3", "Sent twice"), second.socket(),
                            visitorSend("same-3", "Sent twice"));
                    assertThat(acks).extracting(a -> a.path("seq").asLong()).containsOnly(3L);
                    assertThat(acks).extracting(a -> a.path("duplicate").booleanValue())
                        .containsExactlyInAnyOrder(false, true);
                    assertThat(seqs(stored(context, tenant.workspaceId(), conversation))).containsExactly(1L, 2L, 3L);
                }
            }
        }
        finally {
            tabs.shutdownNow();
        }
    }

    @Test
    void catchUpComesInBatchesOfAtMost200() {
        Tenant tenant = newTenant(fixtures);
        ConversationManagement conversations = context.getBean(ConversationManagement.class);
        String token;
        String conversation;
        try (Visitor visitor = hello(port, tenant.inboxId(), null)) {
            token = visitor.token();
            conversation = sendForAck(visitor.socket(), visitorSend("v-1", "Message 1")).path("conversation")
                .asString();
        }
        var stored = conversations.find(tenant.workspaceId(), ConversationId.of(conversation)).orElseThrow();
        for (int i = 2; i <= 201; i++) {
            conversations.postFromVisitor(tenant.workspaceId(), stored.inboxId(), stored.contactId(), "v-" + i,
                    "Message " + i);
        }

        try (Visitor back = hello(port, tenant.inboxId(), token)) {
            assertThat(back.welcome().path("lastSeq").asLong()).isEqualTo(201);
            back.socket().send(sync(conversation, 0));
            assertThat(batch(back.socket(), conversation)).isEqualTo(new Batch(1, 200, 200, true));
            back.socket().send(sync(conversation, 200));
            assertThat(batch(back.socket(), conversation)).isEqualTo(new Batch(201, 201, 201, false));
        }
        try (TestSocket agent = RealtimeTestSupport.agentSocket(port, tenant.owner())) {
            agent.send(watch(conversation, 1));
            assertThat(batch(agent, conversation)).isEqualTo(new Batch(2, 201, 201, false));
        }
    }

    /**
     * A catch-up answer: the first and last seq of its messages, then the synced frame's
     * lastSeq and more.
     */
    private record Batch(long firstSeq, long lastMessageSeq, long syncedLastSeq, boolean more) {
    }

    /**
     * Reads message frames up to synced, checking they come once each, in order, without
     * gaps.
     */
    private static Batch batch(TestSocket socket, String conversation) {
        List<Long> seqs = new ArrayList<>();
        while (true) {
            JsonNode frame = socket.next();
            String type = frame.path("type").asString();
            if (type.equals("synced")) {
                assertThat(frame.path("conversation").asString()).isEqualTo(conversation);
                assertThat(seqs).isNotEmpty();
                assertThat(seqs).as("consecutive")
                    .isEqualTo(LongStream.rangeClosed(seqs.getFirst(), seqs.getLast()).boxed().toList());
                return new Batch(seqs.getFirst(), seqs.getLast(), frame.path("lastSeq").asLong(),
                        frame.path("more").booleanValue());
            }
            if (type.equals("message")) {
                assertThat(frame.path("conversation").asString()).isEqualTo(conversation);
                seqs.add(frame.path("seq").asLong());
            }
        }
    }

    /**
     * Sends the two frames from two threads at the same moment; returns the two acks, in
     * the order of the sockets.
     */
    private static List<JsonNode> sendAtOnce(ExecutorService threads, TestSocket one, Map<String, Object> frameOne,
            TestSocket two, Map<String, Object> frameTwo) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Future<?> a = threads.submit(() -> {
            await(start);
            one.send(frameOne);
        });
        Future<?> b = threads.submit(() -> {
            await(start);
            two.send(frameTwo);
        });
        start.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        return List.of(awaitAck(one, (String) frameOne.get("clientMsgId")),
                awaitAck(two, (String) frameTwo.get("clientMsgId")));
    }

    /**
     * Every frame up to and including the {@code count}-th ack; an error frame fails the
     * test.
     */
    private static List<JsonNode> untilAcks(TestSocket socket, int count) {
        List<JsonNode> frames = new ArrayList<>();
        int acks = 0;
        while (acks < count) {
            JsonNode frame = socket.next();
            assertThat(frame.path("type").asString()).as("frame %s", frame).isNotEqualTo("error");
            if (frame.path("type").asString().equals("ack")) {
                acks++;
            }
            frames.add(frame);
        }
        return frames;
    }

    /**
     * The seqs of the acks among the frames, in arrival order, checking that their
     * clientMsgIds come in order.
     */
    private static List<Long> acks(List<JsonNode> frames, String conversation, String prefix) {
        List<JsonNode> acks = frames.stream().filter(f -> f.path("type").asString().equals("ack")).toList();
        List<Long> seqs = new ArrayList<>();
        int first = prefix.equals("v-") ? 2 : 1;
        for (int i = 0; i < acks.size(); i++) {
            seqs.add(checkAck(acks.get(i), conversation, prefix + "%02d".formatted(first + i), false));
        }
        return seqs;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
