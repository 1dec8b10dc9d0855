package org.confidant.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import tools.jackson.databind.JsonNode;

/**
 * steady chat: C conversations; each visitor sends a message every 5 s (open loop, evenly spread), and the agent
 * handling the conversation answers it as soon as the dashboard shows it.
 *
 * <p>Agents are A dashboard sockets (not one per conversation: every agent socket receives {@code
 * conversation.changed} for every conversation of the workspace, so each socket costs the server a frame per
 * message). The agent's receipt of visitor message {@code seq} is the first {@code conversation.changed} of its
 * conversation with {@code lastSeq >= seq} on the socket of the agent handling it (the dashboard's notice of a new
 * message, sent after the commit); the message's seq comes from the visitor's ack, and the two are matched after the
 * run, so an ack that arrives after the notice does not matter. Each agent socket also watches one conversation,
 * whose {@code message} frames give the same latency for the message frame itself. All timestamps come from the
 * harness's one clock (System.nanoTime). Latencies are recorded for messages sent in the measuring window, after a
 * warm-up.
 */
final class SteadyScenario {

    private static final String TEXT = "Hello! I ordered a blue jacket last week and it has not arrived yet, can you check?";
    private static final String ANSWER = "Thanks for waiting, let me look that order up for you right now.";
    private static final int RING = 16;

    private final Bench bench;
    private final Histogram delivery = new ConcurrentHistogram(1, 600_000_000L, 3);
    private final Histogram watched = new ConcurrentHistogram(1, 600_000_000L, 3);
    private final Histogram roundTrip = new ConcurrentHistogram(1, 600_000_000L, 3);
    private final Histogram ack = new ConcurrentHistogram(1, 600_000_000L, 3);
    private final AtomicInteger visitorAcks = new AtomicInteger();
    private final AtomicInteger agentAcks = new AtomicInteger();
    private final AtomicInteger overruns = new AtomicInteger();
    private final AtomicInteger sentInWindow = new AtomicInteger();
    private final Map<String, Conv> byId = new ConcurrentHashMap<>();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    /** One conversation: its visitor, the agent socket that answers it, and the send times of its messages. */
    private static final class Conv {
        final int idx;
        final Chat.Visitor visitor;
        volatile Chat.Agent agent;
        volatile String id;
        /** Send instant of the visitor message the agent has not answered yet (0: none). */
        final AtomicLong pending = new AtomicLong();
        volatile int pendingK;
        final AtomicLongArray sentAt = new AtomicLongArray(RING);
        /** Visitor messages sent in the measuring window: {seq (from the ack), send instant}. */
        final List<long[]> measured = new ArrayList<>();
        /** Every {@code conversation.changed} of this conversation on its agent's socket: {lastSeq, arrival}. */
        final List<long[]> notices = new ArrayList<>();

        Conv(int idx) {
            this.idx = idx;
            this.visitor = new Chat.Visitor(idx, false);
        }
    }

    SteadyScenario(Bench bench) {
        this.bench = bench;
    }

    private boolean inWindow(long sentNanos) {
        return sentNanos >= windowStart && sentNanos < windowEnd;
    }

    private static int k(String clientMsgId) {
        int dash = clientMsgId.lastIndexOf('-');
        return Integer.parseInt(clientMsgId.substring(dash + 1));
    }

    private final Chat.Hooks hooks = new Chat.Hooks() {
        @Override
        public void visitorAck(Chat.Visitor v, JsonNode f, long nanos) {
            String id = f.path("clientMsgId").asString();
            Conv c = (Conv) v.data;
            int k = k(id);
            if (k > 0) {
                long sent = c.sentAt.get(k % RING);
                if (inWindow(sent)) {
                    ack.recordValue(Math.max(1, (nanos - sent) / 1000));
                    visitorAcks.incrementAndGet();
                    synchronized (c.measured) {
                        c.measured.add(new long[] {f.path("seq").asLong(), sent});
                    }
                }
            }
        }

        @Override
        public void visitorMessage(Chat.Visitor v, JsonNode f, long nanos) {
            String id = f.path("clientMsgId").asString();
            if (id.startsWith("a")) {
                Conv c = (Conv) v.data;
                long sent = c.sentAt.get(k(id) % RING);
                if (inWindow(sent)) {
                    roundTrip.recordValue(Math.max(1, (nanos - sent) / 1000));
                }
            }
        }

        @Override
        public void agentChanged(Chat.Agent a, String conversation, long lastSeq, long nanos) {
            Conv c = byId.get(conversation);
            if (c == null || c.agent != a) {
                return;
            }
            synchronized (c.notices) {
                c.notices.add(new long[] {lastSeq, nanos});
            }
            // answer the visitor's latest message (the notice of the answer itself finds nothing pending)
            if (c.pending.getAndSet(0) != 0) {
                a.send(c.id, "a" + c.idx + "-" + c.pendingK, ANSWER);
            }
        }

        @Override
        public void agentMessage(Chat.Agent a, JsonNode f, long nanos) {
            String id = f.path("clientMsgId").asString();
            if (!id.startsWith("v")) {
                return;
            }
            Conv c = byId.get(f.path("conversation").asString());
            if (c != null) {
                long sent = c.sentAt.get(k(id) % RING);
                if (inWindow(sent)) {
                    watched.recordValue(Math.max(1, (nanos - sent) / 1000));
                }
            }
        }

        @Override
        public void agentAck(Chat.Agent a, JsonNode f, long nanos) {
            if (nanos >= windowStart && nanos < windowEnd) {
                agentAcks.incrementAndGet();
            }
        }
    };

    void run() throws Exception {
        Options o = bench.options;
        int n = o.steadyConversations();
        Chat.VisitorHandler visitorHandler = new Chat.VisitorHandler(hooks);
        Chat.AgentHandler agentHandler = new Chat.AgentHandler(hooks);

        // visitors: hello, then a first message that opens each conversation
        List<Conv> convs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Conv c = new Conv(i);
            c.visitor.data = c;
            convs.add(c);
        }
        long t = System.nanoTime();
        int failed = Chat.forAll(convs, 128, 180, c -> Chat.connect(bench.sockets, bench.workspace.inbox, c.visitor,
                visitorHandler).thenCompose(w -> c.visitor.send("v" + c.idx + "-0", "Hi")).thenAccept(a -> {
                    c.id = a.path("conversation").asString();
                    byId.put(c.id, c);
                }));
        Bench.log("steady: " + (n - failed) + " conversations open in " + (System.nanoTime() - t) / 1_000_000 + " ms");
        if (failed > 0) {
            bench.results.problem("steady: " + failed + " of " + n + " visitors could not open their conversation");
        }
        convs.removeIf(c -> c.id == null);

        // agents: dashboard sockets, each answering a share of the conversations and watching one of them
        List<Chat.Agent> agents = new ArrayList<>();
        for (int k = 0; k < o.agents; k++) {
            agents.add(new Chat.Agent(k, bench.workspace.agentCookie(k)));
        }
        for (Chat.Agent a : agents) {
            Chat.connect(bench.sockets, a, agentHandler).get(30, TimeUnit.SECONDS);
        }
        for (Conv c : convs) {
            c.agent = agents.get(c.idx % agents.size());
        }
        for (int k = 0; k < agents.size() && k < convs.size(); k++) {
            agents.get(k).watch(convs.get(k).id, 0).get(30, TimeUnit.SECONDS);
        }

        // --purge-messages: old conversations loaded now, due for purge from the start of the load
        PurgeLoad purge = o.purgeMessages > 0 ? PurgeLoad.seed(bench, o.purgeMessages) : null;
        if (purge != null) {
            purge.start();
        }

        // the load: one thread sends every visitor's message on an even schedule
        long interval = (long) (o.visitorInterval * 1e9);
        long start = System.nanoTime() + 500_000_000L;
        long measureFrom = start + TimeUnit.SECONDS.toNanos(o.warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(o.duration);
        windowStart = measureFrom;
        windowEnd = end;
        long[] purgeLeft = new long[2];
        Thread purgeCounter = purge == null ? null : Thread.ofVirtual().start(() -> {
            try {
                LockSupport.parkNanos(measureFrom - System.nanoTime());
                purgeLeft[0] = purge.left();
                LockSupport.parkNanos(end - System.nanoTime());
                purgeLeft[1] = purge.left();
            } catch (java.sql.SQLException e) {
                bench.results.problem("steady: could not count what the purge left: " + e);
            }
        });
        int size = convs.size();
        long cpuServer0 = 0;
        long cpuSelf0 = 0;
        long cpuPg0 = 0;
        boolean measuring = false;
        int sent = 0;
        outer:
        for (int round = 1; ; round++) {
            for (int i = 0; i < size; i++) {
                long due = start + (round - 1) * interval + i * interval / size;
                if (due >= end) {
                    break outer;
                }
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                if (!measuring && now >= measureFrom) {
                    measuring = true;
                    cpuServer0 = bench.server.cpuNanos();
                    cpuSelf0 = Bench.selfCpuNanos();
                    cpuPg0 = bench.postgresCpuNanos();
                }
                Conv c = convs.get(i);
                long sendAt = System.nanoTime();
                c.sentAt.set(round % RING, sendAt);
                c.pendingK = round;
                if (c.pending.getAndSet(sendAt) != 0 && measuring) {
                    overruns.incrementAndGet(); // the agent had not seen the previous one yet
                }
                if (inWindow(sendAt)) {
                    sentInWindow.incrementAndGet();
                }
                c.visitor.conn.send(Json.visitorSend("v" + c.idx + "-" + round, TEXT));
                sent++;
            }
        }
        long windowNanos = System.nanoTime() - measureFrom;
        double serverCores = Proc.cores(cpuServer0, bench.server.cpuNanos(), windowNanos);
        double selfCores = Proc.cores(cpuSelf0, Bench.selfCpuNanos(), windowNanos);
        double pgCores = Proc.cores(cpuPg0, bench.postgresCpuNanos(), windowNanos);
        // let the last answers arrive
        Bench.sleep(java.time.Duration.ofSeconds(5));
        double seconds = o.duration;
        int inWindow = sentInWindow.get();

        bench.results.add("steady.conversations", size, "count");
        bench.results.add("steady.agent_sockets", agents.size(), "count");
        bench.results.add("steady.offered_rate", inWindow * 2 / seconds, "msg/s");
        bench.results.add("steady.acked_rate", (visitorAcks.get() + agentAcks.get()) / seconds, "msg/s");
        int undelivered = matchDeliveries(convs);
        bench.results.latency("steady.latency", delivery);
        bench.results.latency("steady.watched_latency", watched);
        bench.results.latency("steady.roundtrip", roundTrip);
        bench.results.latency("steady.ack", ack);
        // measured visitor messages never acked, and acked ones whose notice never reached their agent
        bench.results.add("steady.unacked", inWindow - visitorAcks.get(), "count");
        bench.results.add("steady.undelivered", undelivered, "count");
        bench.results.add("steady.overruns", overruns.get(), "count");
        bench.results.add("steady.errors", visitorHandler.errors.get() + agentHandler.errors.get(), "count");
        if (purge != null) {
            purgeCounter.join();
            // deleted while measuring; what was left when measuring ended (more than 0: the purge ran all along)
            bench.results.add("steady.purge_loaded", purge.messages(), "count");
            bench.results.add("steady.purge_deleted_in_window", purgeLeft[0] - purgeLeft[1], "count");
            bench.results.add("steady.purge_left_at_end", purgeLeft[1], "count");
            bench.results.add("steady.purge_rate_in_window", (purgeLeft[0] - purgeLeft[1]) / seconds, "msg/s");
            purge.close();
        }
        bench.results.add("steady.server_cpu", serverCores, "cores");
        bench.results.add("steady.harness_cpu", selfCores, "cores");
        if (bench.options.pgPid > 0) {
            bench.results.add("steady.postgres_cpu", pgCores, "cores");
        }
        Bench.log("steady: sent " + sent + " visitor messages in total");

        for (Conv c : convs) {
            c.visitor.conn.close();
        }
        for (Chat.Agent a : agents) {
            a.conn.close();
        }
        Bench.sleep(java.time.Duration.ofSeconds(2));
    }

    /**
     * Records each measured visitor message's delivery latency: from its send to the first notice on its agent's
     * socket that covers its seq. Returns how many measured messages no notice covered.
     */
    private int matchDeliveries(List<Conv> convs) {
        int undelivered = 0;
        for (Conv c : convs) {
            List<long[]> notices;
            synchronized (c.notices) {
                notices = List.copyOf(c.notices);
            }
            synchronized (c.measured) {
                for (long[] m : c.measured) {
                    long[] notice = notices.stream().filter(n -> n[0] >= m[0]).findFirst().orElse(null);
                    if (notice == null) {
                        undelivered++;
                    } else {
                        delivery.recordValue(Math.max(1, (notice[1] - m[1]) / 1000));
                    }
                }
            }
        }
        return undelivered;
    }
}
