package org.confidant.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * reconnect storm: N visitor sockets, each with a conversation, are dropped at once (no closing handshake, as a
 * network loss does); one in ten had just sent a message whose ack it never got. Agents write M messages into those
 * conversations meanwhile. Every visitor reconnects as the widget does (first try after 250–500 ms, then exponential
 * backoff), says hello with its token, syncs after the highest seq it has shown, then resends its unacknowledged
 * message with the same clientMsgId. Measures the time from the drop until every visitor has shown every acked
 * message of its conversation, and counts acked messages a visitor never got (lost) and clientMsgIds stored twice
 * (duplicates).
 */
final class StormScenario {

    private static final String TEXT = "Are you still there? My connection dropped for a moment.";

    private final Bench bench;
    private final Map<Chat.Visitor, Durability.Expected> expected = new ConcurrentHashMap<>();
    private final AtomicLong lastWelcome = new AtomicLong();
    private final AtomicInteger reconnected = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger syncFailures = new AtomicInteger();
    private final AtomicInteger conversationChanged = new AtomicInteger();
    private final AtomicInteger resendDuplicates = new AtomicInteger();
    private final AtomicInteger resendFailures = new AtomicInteger();

    StormScenario(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Options o = bench.options;
        Chat.VisitorHandler handler = new Chat.VisitorHandler(new Chat.Hooks() {
        });
        Chat.AgentHandler agentHandler = new Chat.AgentHandler(new Chat.Hooks() {
        });
        List<Chat.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < o.stormSockets; i++) {
            Chat.Visitor v = new Chat.Visitor(i, true);
            visitors.add(v);
            expected.put(v, new Durability.Expected());
        }
        long t = System.nanoTime();
        int failed = Chat.forAll(visitors, 128, 240, v -> {
            String id = "s" + v.idx + "-0";
            expected.get(v).sent.add(id);
            return Chat.connect(bench.sockets, bench.workspace.inbox, v, handler).thenCompose(w -> v.send(id, "Hi"))
                    .thenAccept(a -> expected.get(v).acked.put(id, a.path("seq").asLong()));
        });
        Bench.log("storm: " + (visitors.size() - failed) + " visitors with a conversation in "
                + (System.nanoTime() - t) / 1_000_000 + " ms");
        visitors.removeIf(v -> v.conversation == null || !v.conn.open || expected.get(v).acked.isEmpty());
        int n = visitors.size();
        bench.results.add("storm.sockets", n, "count");
        if (n < o.stormSockets) {
            bench.results.problem("storm: only " + n + " of " + o.stormSockets + " visitors connected");
        }
        if (n == 0) {
            return;
        }
        List<Chat.Agent> agents = new ArrayList<>();
        for (int k = 0; k < o.agents; k++) {
            Chat.Agent a = new Chat.Agent(k, bench.workspace.agentCookie(k));
            Chat.connect(bench.sockets, a, agentHandler).get(30, TimeUnit.SECONDS);
            agents.add(a);
        }
        Bench.sleep(Duration.ofSeconds(1));

        // one in ten sends a message and loses the socket before the ack
        Map<Chat.Visitor, String> unacked = new ConcurrentHashMap<>();
        for (Chat.Visitor v : visitors) {
            if (v.idx % 10 == 0) {
                String id = "s" + v.idx + "-1";
                expected.get(v).sent.add(id);
                unacked.put(v, id);
                v.send(id, TEXT);
            }
        }
        // the drop
        long cpuServer0 = bench.server.cpuNanos();
        long cpuSelf0 = Bench.selfCpuNanos();
        long cpuPg0 = bench.postgresCpuNanos();
        long t0 = System.nanoTime();
        for (Chat.Visitor v : visitors) {
            v.acks.clear();
            v.conn.abort();
        }
        long deadline = t0 + TimeUnit.SECONDS.toNanos(o.stormLimitSeconds);

        // agents write meanwhile
        AtomicLong agentsDone = new AtomicLong();
        AtomicInteger agentFailures = new AtomicInteger();
        Thread writer = Thread.ofVirtual().start(() -> {
            Semaphore window = new Semaphore(64);
            try {
                for (int j = 0; j < o.stormMessages && System.nanoTime() < deadline; j++) {
                    window.acquire();
                    Chat.Visitor v = visitors.get(j % n);
                    Chat.Agent a = agents.get(j % agents.size());
                    String id = "g" + j;
                    expected.get(v).sent.add(id);
                    a.send(v.conversation, id, TEXT).whenComplete((ack, e) -> {
                        if (e != null) {
                            agentFailures.incrementAndGet();
                        } else {
                            expected.get(v).acked.put(id, ack.path("seq").asLong());
                        }
                        window.release();
                    });
                }
                window.acquire(64);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            agentsDone.set(System.nanoTime());
        });

        // everyone reconnects, as the widget does
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            for (Chat.Visitor v : visitors) {
                timer.schedule(() -> reconnect(timer, v, handler, 0, deadline, unacked.get(v)), backoff(0),
                        TimeUnit.MILLISECONDS);
            }
            writer.join(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1000);
            // wait until every visitor has shown everything acked in its conversation
            long caughtUp = -1;
            while (System.nanoTime() < deadline) {
                caughtUp = agentsDone.get() == 0 ? -1 : allCaughtUp(visitors, unacked);
                if (caughtUp > 0) {
                    break;
                }
                Thread.sleep(100);
            }
            // CPU from the drop until everyone caught up (or the limit)
            long stormNanos = System.nanoTime() - t0;
            double serverCores = Proc.cores(cpuServer0, bench.server.cpuNanos(), stormNanos);
            double selfCores = Proc.cores(cpuSelf0, Bench.selfCpuNanos(), stormNanos);
            double pgCores = Proc.cores(cpuPg0, bench.postgresCpuNanos(), stormNanos);
            long lost = 0;
            for (Chat.Visitor v : visitors) {
                for (long seq : expected.get(v).acked.values()) {
                    if (!v.seen.containsKey(seq)) {
                        lost++;
                    }
                }
            }
            int redelivered = visitors.stream().mapToInt(v -> v.redelivered.get()).sum();
            bench.results.add("storm.reconnected", reconnected.get(), "count");
            bench.results.add("storm.reconnect_time", lastWelcome.get() == 0 ? -1 : (lastWelcome.get() - t0) / 1e9, "s");
            bench.results.add("storm.catchup_time", caughtUp > 0 ? (caughtUp - t0) / 1e9 : -1, "s");
            bench.results.add("storm.agent_messages", o.stormMessages - agentFailures.get(), "count");
            bench.results.add("storm.agent_send_time", agentsDone.get() == 0 ? -1 : (agentsDone.get() - t0) / 1e9, "s");
            bench.results.add("storm.lost", lost, "count");
            bench.results.add("storm.unacked_resent", unacked.size(), "count");
            bench.results.add("storm.resend_was_stored", resendDuplicates.get(), "count");
            bench.results.add("storm.retries", retries.get(), "count");
            bench.results.add("storm.redelivered", redelivered, "count");
            bench.results.add("storm.server_cpu", serverCores, "cores");
            bench.results.add("storm.harness_cpu", selfCores, "cores");
            if (o.pgPid > 0) {
                bench.results.add("storm.postgres_cpu", pgCores, "cores");
            }
            if (caughtUp < 0) {
                bench.results.problem("storm: not every visitor caught up within " + o.stormLimitSeconds + " s ("
                        + reconnected.get() + " of " + n + " reconnected, " + syncFailures.get() + " sync failures, "
                        + resendFailures.get() + " resend failures, " + agentFailures.get() + " agent send failures)");
            }
            if (lost > 0) {
                bench.results.problem("storm: " + lost + " acked messages never reached their visitor; e.g. "
                        + lostExamples(visitors));
            }
            if (conversationChanged.get() > 0) {
                bench.results.problem("storm: " + conversationChanged.get() + " visitors got another conversation after reconnecting");
            }

            Durability.Report report = Durability.check(visitors, expected);
            Bench.log("storm: stored history: " + report);
            bench.results.add("storm.duplicates", report.duplicates, "count");
            bench.results.add("storm.stored_lost", report.lost + report.moved, "count");
            if (!report.clean()) {
                bench.results.problem("storm: stored history is wrong: " + report);
            }
        } finally {
            timer.shutdownNow();
            for (Chat.Visitor v : visitors) {
                v.conn.close();
            }
            for (Chat.Agent a : agents) {
                a.conn.close();
            }
        }
        Bench.sleep(Duration.ofSeconds(2));
    }

    /** The widget's reconnect delay: 0.5 s doubling up to 10 s, each drawn from its upper half. */
    private static long backoff(int attempt) {
        long max = Math.min(10_000, 500L << Math.min(attempt, 10));
        return max / 2 + ThreadLocalRandom.current().nextLong(max / 2 + 1);
    }

    private void reconnect(ScheduledExecutorService timer, Chat.Visitor v, Chat.VisitorHandler handler, int attempt,
            long deadline, String unackedId) {
        String conversation = v.conversation;
        Chat.connect(bench.sockets, bench.workspace.inbox, v, handler).orTimeout(30, TimeUnit.SECONDS)
                .whenComplete((welcome, e) -> {
                    if (e != null) {
                        v.conn.abort();
                        if (System.nanoTime() < deadline) {
                            retries.incrementAndGet();
                            timer.schedule(() -> reconnect(timer, v, handler, attempt + 1, deadline, unackedId),
                                    backoff(attempt + 1), TimeUnit.MILLISECONDS);
                        }
                        return;
                    }
                    reconnected.incrementAndGet();
                    lastWelcome.accumulateAndGet(System.nanoTime(), Math::max);
                    if (!conversation.equals(v.conversation)) {
                        conversationChanged.incrementAndGet();
                    }
                    v.sync().orTimeout(30, TimeUnit.SECONDS).whenComplete((last, e2) -> {
                        if (e2 != null) {
                            syncFailures.incrementAndGet();
                            return;
                        }
                        if (unackedId != null) {
                            v.send(unackedId, TEXT).whenComplete((ack, e3) -> {
                                if (e3 != null) {
                                    resendFailures.incrementAndGet();
                                    return;
                                }
                                if (ack.path("duplicate").asBoolean()) {
                                    resendDuplicates.incrementAndGet();
                                }
                                expected.get(v).acked.put(unackedId, ack.path("seq").asLong());
                            });
                        }
                    });
                });
    }

    /** The instant the last visitor had shown all it should, or -1 while someone still misses something. */
    private long allCaughtUp(List<Chat.Visitor> visitors, Map<Chat.Visitor, String> unacked) {
        long latest = 0;
        for (Chat.Visitor v : visitors) {
            Durability.Expected e = expected.get(v);
            String resend = unacked.get(v);
            if (resend != null && !e.acked.containsKey(resend)) {
                return -1;
            }
            long target = 0;
            for (long seq : e.acked.values()) {
                target = Math.max(target, seq);
            }
            for (long seq = 1; seq <= target; seq++) {
                Chat.Seen s = v.seen.get(seq);
                if (s == null) {
                    return -1;
                }
                latest = Math.max(latest, s.nanos());
            }
        }
        return latest;
    }

    private String lostExamples(List<Chat.Visitor> visitors) {
        List<String> out = new ArrayList<>();
        for (Chat.Visitor v : visitors) {
            for (var a : expected.get(v).acked.entrySet()) {
                if (!v.seen.containsKey(a.getValue()) && out.size() < 5) {
                    out.add(v.conversation + " seq " + a.getValue() + " (" + a.getKey() + ")");
                }
            }
        }
        return String.join(", ", out);
    }
}
