package org.confidant.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;

/**
 * crash: steady chat (visitors send on an even schedule, agents answer), then {@code kill -9} of the server in the
 * middle of it, and a restart on the same data. Every ack received before the kill is checked against the stored
 * conversations (read back from seq 1 over the visitor protocol): none may be missing, none stored twice, seqs
 * without gaps. Then every message that was sent but not acked is sent again with its clientMsgId, as clients do,
 * and the check runs again: still nothing twice.
 */
final class CrashScenario {

    private static final String TEXT = "Is anyone there? I need help with my subscription renewal.";
    private static final String ANSWER = "Yes, I am here. Let me check your subscription.";

    private final Bench bench;
    private final Map<Chat.Visitor, Durability.Expected> expected = new ConcurrentHashMap<>();
    private final Map<String, Conv> byId = new ConcurrentHashMap<>();
    private final AtomicInteger acks = new AtomicInteger();
    private final AtomicInteger agentSent = new AtomicInteger();
    private volatile boolean answering = true;

    private static final class Conv {
        final Chat.Visitor visitor;
        volatile Chat.Agent agent;
        final AtomicLong pending = new AtomicLong();
        volatile int pendingK;

        Conv(Chat.Visitor visitor) {
            this.visitor = visitor;
        }
    }

    CrashScenario(Bench bench) {
        this.bench = bench;
    }

    private final Chat.Hooks hooks = new Chat.Hooks() {
        @Override
        public void visitorAck(Chat.Visitor v, JsonNode f, long nanos) {
            expected.get(v).acked.put(f.path("clientMsgId").asString(), f.path("seq").asLong());
            acks.incrementAndGet();
        }

        @Override
        public void agentChanged(Chat.Agent a, String conversation, long lastSeq, long nanos) {
            Conv c = byId.get(conversation);
            if (!answering || c == null || c.agent != a || c.pending.getAndSet(0) == 0) {
                return;
            }
            String id = "r" + c.visitor.idx + "-" + c.pendingK;
            expected.get(c.visitor).sent.add(id);
            agentSent.incrementAndGet();
            a.conn.send(Json.agentSend(c.visitor.conversation, id, ANSWER));
        }

        @Override
        public void agentAck(Chat.Agent a, JsonNode f, long nanos) {
            Conv c = byId.get(f.path("conversation").asString());
            if (c != null) {
                expected.get(c.visitor).acked.put(f.path("clientMsgId").asString(), f.path("seq").asLong());
                acks.incrementAndGet();
            }
        }
    };

    void run() throws Exception {
        Options o = bench.options;
        Chat.VisitorHandler handler = new Chat.VisitorHandler(hooks);
        Chat.AgentHandler agentHandler = new Chat.AgentHandler(hooks);
        List<Chat.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < o.crashConversations; i++) {
            Chat.Visitor v = new Chat.Visitor(i, false);
            v.data = new Conv(v);
            visitors.add(v);
            expected.put(v, new Durability.Expected());
        }
        int failed = Chat.forAll(visitors, 128, 120, v -> {
            String id = "c" + v.idx + "-0";
            expected.get(v).sent.add(id);
            return Chat.connect(bench.sockets, bench.workspace.inbox, v, handler).thenCompose(w -> v.send(id, TEXT))
                    .thenAccept(a -> byId.put(v.conversation, (Conv) v.data));
        });
        if (failed > 0) {
            bench.results.problem("crash: " + failed + " visitors could not open their conversation");
        }
        visitors.removeIf(v -> v.conversation == null);
        List<Chat.Agent> agents = connectAgents(agentHandler);
        for (Chat.Visitor v : visitors) {
            ((Conv) v.data).agent = agents.get(v.idx % agents.size());
        }

        // steady load, then kill -9 in the middle of it
        int n = visitors.size();
        long interval = (long) (n / o.crashRate * 1e9);
        long start = System.nanoTime() + 200_000_000L;
        long killAt = start + TimeUnit.SECONDS.toNanos(o.crashAfter);
        int sent = 0;
        outer:
        for (int round = 1; ; round++) {
            for (int i = 0; i < n; i++) {
                long due = start + (round - 1) * interval + i * interval / n;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                if (now >= killAt) {
                    break outer;
                }
                Chat.Visitor v = visitors.get(i);
                Conv c = (Conv) v.data;
                String id = "c" + v.idx + "-" + round;
                expected.get(v).sent.add(id);
                c.pendingK = round;
                c.pending.set(now);
                v.conn.send(Json.visitorSend(id, TEXT));
                sent++;
            }
        }
        int ackedBeforeKill = acks.get();
        bench.server.kill9();
        answering = false;
        long killed = System.nanoTime();
        Bench.log("crash: killed the server (kill -9) after " + sent + " visitor messages and " + agentSent.get()
                + " answers; " + ackedBeforeKill + " acks so far");
        Bench.sleep(Duration.ofSeconds(1));
        int acked = expected.values().stream().mapToInt(e -> e.acked.size()).sum();
        int sentTotal = expected.values().stream().mapToInt(e -> e.sent.size()).sum();

        // restart on the same data
        long launched = bench.server.launch();
        long healthy = bench.server.awaitHealthy(Duration.ofSeconds(120));
        bench.results.add("crash.restart_health_up", (healthy - launched) / 1e9, "s");
        bench.results.add("crash.acked_before_kill", acked, "count");
        bench.results.add("crash.unacked_at_kill", sentTotal - acked, "count");
        Bench.log("crash: restarted " + (healthy - killed) / 1_000_000 + " ms after the kill");

        // the same visitors come back with their tokens; agents sign in again
        Map<Chat.Visitor, String> before = new ConcurrentHashMap<>();
        visitors.forEach(v -> before.put(v, v.conversation));
        AtomicInteger otherConversation = new AtomicInteger();
        int reconnectFailures = Chat.forAll(visitors, 128, 120, v -> Chat
                .connect(bench.sockets, bench.workspace.inbox, v, handler).thenAccept(w -> {
                    if (!before.get(v).equals(v.conversation)) {
                        otherConversation.incrementAndGet();
                    }
                }));
        if (reconnectFailures > 0 || otherConversation.get() > 0) {
            bench.results.problem("crash: after the restart " + reconnectFailures + " visitors could not reconnect and "
                    + otherConversation.get() + " got another conversation");
        }
        bench.workspace.signInAgain();
        agents = connectAgents(agentHandler);

        Durability.Report first = Durability.check(visitors, expected);
        Bench.log("crash: after restart: " + first);
        bench.results.add("crash.lost", first.lost + first.moved, "count");
        bench.results.add("crash.duplicates", first.duplicates, "count");
        bench.results.add("crash.seq_gaps", first.gaps, "count");
        if (!first.clean()) {
            bench.results.problem("crash: stored history is wrong after the restart: " + first);
        }

        // clients resend what was never acked, with the same clientMsgId
        AtomicInteger resent = new AtomicInteger();
        AtomicInteger wasStored = new AtomicInteger();
        List<CompletableFuture<?>> resends = new ArrayList<>();
        for (Chat.Visitor v : visitors) {
            Durability.Expected e = expected.get(v);
            for (String id : e.sent) {
                if (e.acked.containsKey(id)) {
                    continue;
                }
                resent.incrementAndGet();
                CompletableFuture<JsonNode> ack = id.startsWith("r")
                        ? agents.get(v.idx % agents.size()).send(v.conversation, id, ANSWER)
                        : v.send(id, TEXT);
                resends.add(ack.thenAccept(a -> {
                    if (a.path("duplicate").asBoolean()) {
                        wasStored.incrementAndGet();
                    }
                    e.acked.put(id, a.path("seq").asLong());
                }));
            }
        }
        int resendFailures = 0;
        for (CompletableFuture<?> f : resends) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (Exception ex) {
                resendFailures++;
            }
        }
        Durability.Report second = Durability.check(visitors, expected);
        Bench.log("crash: after resending " + resent.get() + " unacked messages (" + wasStored.get()
                + " had been stored): " + second);
        bench.results.add("crash.resent", resent.get(), "count");
        bench.results.add("crash.resent_already_stored", wasStored.get(), "count");
        bench.results.add("crash.duplicates_after_resend", second.duplicates, "count");
        bench.results.add("crash.lost_after_resend", second.lost + second.moved, "count");
        if (!second.clean() || resendFailures > 0) {
            bench.results.problem("crash: after resending, " + resendFailures + " resends failed; " + second);
        }
        for (Chat.Visitor v : visitors) {
            v.conn.close();
        }
        for (Chat.Agent a : agents) {
            a.conn.close();
        }
        Bench.sleep(Duration.ofSeconds(1));
    }

    private List<Chat.Agent> connectAgents(Chat.AgentHandler handler) throws Exception {
        List<Chat.Agent> agents = new ArrayList<>();
        for (int k = 0; k < bench.options.agents; k++) {
            Chat.Agent a = new Chat.Agent(k, bench.workspace.agentCookie(k));
            Chat.connect(bench.sockets, a, handler).get(30, TimeUnit.SECONDS);
            agents.add(a);
        }
        for (Conv c : byId.values()) {
            c.agent = agents.get(c.visitor.idx % agents.size());
        }
        return agents;
    }
}
