package org.confidant.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * The protocol clients the chat scenarios share: visitors (the widget's chat app) and agents (the dashboard), with
 * acks matched to sends by clientMsgId, catch-up after reconnects done the way the widget does it, and hooks for
 * the scenario's measurements.
 */
final class Chat {

    private Chat() {
    }

    /** An error frame answering one of our frames. */
    static final class ErrorFrame extends RuntimeException {
        final String code;

        ErrorFrame(JsonNode frame) {
            super(frame.path("code").asString() + ": " + frame.path("message").asString());
            this.code = frame.path("code").asString();
        }
    }

    /** What a scenario observes. Called on receive threads: never block. */
    interface Hooks {
        default void visitorMessage(Visitor v, JsonNode frame, long nanos) {
        }

        default void visitorAck(Visitor v, JsonNode frame, long nanos) {
        }

        /**
         * A {@code conversation.changed} on an agent socket, with the conversation's last seq (read from the raw text
         * without a JSON parse: every agent socket gets one for every message of the workspace).
         */
        default void agentChanged(Agent a, String conversation, long lastSeq, long nanos) {
        }

        default void agentMessage(Agent a, JsonNode frame, long nanos) {
        }

        default void agentAck(Agent a, JsonNode frame, long nanos) {
        }
    }

    /** When a seq was first shown to a visitor, and what it was. */
    record Seen(String clientMsgId, long nanos) {
    }

    static final class Visitor {
        final int idx;
        volatile Conn conn;
        volatile String token;
        volatile String conversation;
        volatile CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
        final Map<String, CompletableFuture<JsonNode>> acks = new ConcurrentHashMap<>();
        /** Every seq this visitor has shown (the widget's {@code shown}), when tracking. */
        final Map<Long, Seen> seen;
        /** The widget's {@code lastSeq}: the highest seq shown. */
        final AtomicLong lastSeq = new AtomicLong();
        final AtomicInteger redelivered = new AtomicInteger();
        volatile CompletableFuture<Long> syncDone;
        /** While collecting a full history: every (seq, clientMsgId) a sync from 0 returns. */
        volatile List<Object[]> history;
        volatile CompletableFuture<List<Object[]>> historyDone;
        /** Scenario data. */
        volatile Object data;

        Visitor(int idx, boolean track) {
            this.idx = idx;
            this.seen = track ? new ConcurrentHashMap<>() : null;
        }

        void show(long seq, String clientMsgId, long nanos) {
            if (seen == null) {
                lastSeq.accumulateAndGet(seq, Math::max);
                return;
            }
            if (seen.putIfAbsent(seq, new Seen(clientMsgId, nanos)) != null) {
                redelivered.incrementAndGet();
            }
            lastSeq.accumulateAndGet(seq, Math::max);
        }

        /** Sends a message and returns its ack (failing with {@link ErrorFrame} on an error frame). */
        CompletableFuture<JsonNode> send(String clientMsgId, String text) {
            CompletableFuture<JsonNode> ack = new CompletableFuture<>();
            acks.put(clientMsgId, ack);
            conn.send(Json.visitorSend(clientMsgId, text)).whenComplete((r, e) -> {
                if (e != null) {
                    acks.remove(clientMsgId);
                    ack.completeExceptionally(e);
                }
            });
            return ack;
        }

        /** Catches up as the widget does: everything after the highest seq shown, again while {@code more}. */
        CompletableFuture<Long> sync() {
            CompletableFuture<Long> done = new CompletableFuture<>();
            syncDone = done;
            conn.send(Json.sync(conversation, lastSeq.get()));
            return done;
        }

        /** The whole stored conversation, from seq 1 (for the durability checks). */
        CompletableFuture<List<Object[]>> fetchHistory() {
            CompletableFuture<List<Object[]>> done = new CompletableFuture<>();
            history = new ArrayList<>();
            historyDone = done;
            conn.send(Json.sync(conversation, 0));
            return done;
        }
    }

    static final class VisitorHandler implements Conn.Handler {
        final Hooks hooks;
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();

        VisitorHandler(Hooks hooks) {
            this.hooks = hooks;
        }

        @Override
        public void onFrame(Conn conn, JsonNode f, long nanos) {
            Visitor v = (Visitor) conn.owner;
            switch (f.path("type").asString()) {
                case "message" -> {
                    long seq = f.path("seq").asLong();
                    String id = f.path("clientMsgId").asString();
                    List<Object[]> h = v.history;
                    if (h != null) {
                        // a live frame can overlap the catch-up that reads the history: the same message twice in
                        // the stream is one stored message; the same seq with another message would still show
                        synchronized (h) {
                            if (h.stream().noneMatch(m -> (Long) m[0] == seq && m[1].equals(id))) {
                                h.add(new Object[] {seq, id});
                            }
                        }
                    } else {
                        v.show(seq, id, nanos);
                    }
                    hooks.visitorMessage(v, f, nanos);
                }
                case "ack" -> {
                    String conversation = f.path("conversation").asString(null);
                    if (conversation != null) {
                        v.conversation = conversation;
                    }
                    if (v.history == null) {
                        v.show(f.path("seq").asLong(), f.path("clientMsgId").asString(), nanos);
                    }
                    hooks.visitorAck(v, f, nanos);
                    CompletableFuture<JsonNode> ack = v.acks.remove(f.path("clientMsgId").asString());
                    if (ack != null) {
                        ack.complete(f);
                    }
                }
                case "synced" -> {
                    List<Object[]> h = v.history;
                    if (h != null) {
                        if (f.path("more").asBoolean()) {
                            conn.send(Json.sync(v.conversation, f.path("lastSeq").asLong()));
                        } else {
                            v.history = null;
                            v.historyDone.complete(h);
                        }
                    } else if (f.path("more").asBoolean()) {
                        // the widget: go on after the highest seq shown
                        conn.send(Json.sync(v.conversation, v.lastSeq.get()));
                    } else if (v.syncDone != null) {
                        v.syncDone.complete(f.path("lastSeq").asLong());
                    }
                }
                case "token" -> v.token = f.path("token").asString(); // renewed while the socket is open
                case "welcome" -> {
                    v.token = f.path("token").asString();
                    String conversation = f.path("conversation").asString(null);
                    if (conversation != null) {
                        v.conversation = conversation;
                    }
                    v.welcome.complete(f);
                }
                case "error" -> {
                    errors.incrementAndGet();
                    String id = f.path("clientMsgId").asString(null);
                    CompletableFuture<JsonNode> ack = id == null ? null : v.acks.remove(id);
                    if (ack != null) {
                        ack.completeExceptionally(new ErrorFrame(f));
                    } else {
                        Bench.warn("visitor " + v.idx + " got " + f);
                        failAll(v, new ErrorFrame(f));
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void onClosed(Conn conn) {
            closes.incrementAndGet();
            Visitor v = (Visitor) conn.owner;
            if (v.conn == conn) {
                failAll(v, new IllegalStateException("socket closed"));
            }
        }

        private static void failAll(Visitor v, RuntimeException e) {
            v.welcome.completeExceptionally(e);
            if (v.syncDone != null) {
                v.syncDone.completeExceptionally(e);
            }
            if (v.historyDone != null) {
                v.historyDone.completeExceptionally(e);
            }
        }
    }

    static final class Agent {
        final int idx;
        final String cookie;
        volatile Conn conn;
        volatile CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
        volatile CompletableFuture<JsonNode> synced;
        final Map<String, CompletableFuture<JsonNode>> acks = new ConcurrentHashMap<>();

        Agent(int idx, String cookie) {
            this.idx = idx;
            this.cookie = cookie;
        }

        CompletableFuture<JsonNode> send(String conversation, String clientMsgId, String text) {
            CompletableFuture<JsonNode> ack = new CompletableFuture<>();
            acks.put(clientMsgId, ack);
            conn.send(Json.agentSend(conversation, clientMsgId, text)).whenComplete((r, e) -> {
                if (e != null) {
                    acks.remove(clientMsgId);
                    ack.completeExceptionally(e);
                }
            });
            return ack;
        }

        /** Watches one conversation (the one open in the dashboard); completes at its {@code synced}. */
        CompletableFuture<JsonNode> watch(String conversation, long after) {
            CompletableFuture<JsonNode> done = new CompletableFuture<>();
            synced = done;
            conn.send(Json.watch(conversation, after));
            return done;
        }
    }

    static final class AgentHandler implements Conn.Handler {
        final Hooks hooks;
        final AtomicInteger errors = new AtomicInteger();

        AgentHandler(Hooks hooks) {
            this.hooks = hooks;
        }

        @Override
        public boolean onRaw(Conn conn, String text, long nanos) {
            if (!text.startsWith(Json.CHANGED_PREFIX)) {
                return false;
            }
            String conversation = Json.stringField(text, "conversation");
            long lastSeq = Json.longField(text, "lastSeq");
            if (conversation == null || lastSeq < 0) {
                return false;
            }
            hooks.agentChanged((Agent) conn.owner, conversation, lastSeq, nanos);
            return true;
        }

        @Override
        public void onFrame(Conn conn, JsonNode f, long nanos) {
            Agent a = (Agent) conn.owner;
            switch (f.path("type").asString()) {
                case "conversation.changed" -> hooks.agentChanged(a, f.path("conversation").asString(),
                        f.path("lastSeq").asLong(), nanos);
                case "message" -> hooks.agentMessage(a, f, nanos);
                case "ack" -> {
                    hooks.agentAck(a, f, nanos);
                    CompletableFuture<JsonNode> ack = a.acks.remove(f.path("clientMsgId").asString());
                    if (ack != null) {
                        ack.complete(f);
                    }
                }
                case "synced" -> {
                    if (a.synced != null) {
                        a.synced.complete(f);
                    }
                }
                case "welcome" -> a.welcome.complete(f);
                case "error" -> {
                    errors.incrementAndGet();
                    String id = f.path("clientMsgId").asString(null);
                    CompletableFuture<JsonNode> ack = id == null ? null : a.acks.remove(id);
                    if (ack != null) {
                        ack.completeExceptionally(new ErrorFrame(f));
                    } else {
                        Bench.warn("agent " + a.idx + " got " + f);
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void onClosed(Conn conn) {
            Agent a = (Agent) conn.owner;
            a.welcome.completeExceptionally(new IllegalStateException("agent socket closed"));
        }
    }

    /** Opens the visitor's socket and says hello (with its token, if it has one); completes at the welcome. */
    static CompletableFuture<JsonNode> connect(Sockets sockets, String inbox, Visitor v, VisitorHandler handler) {
        Conn conn = new Conn(handler);
        conn.owner = v;
        CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
        v.welcome = welcome;
        v.conn = conn;
        return sockets.open("/ws/visitor", null, conn).thenCompose(c -> {
            c.send(Json.hello(inbox, v.token));
            return welcome;
        });
    }

    static CompletableFuture<JsonNode> connect(Sockets sockets, Agent a, AgentHandler handler) {
        Conn conn = new Conn(handler);
        conn.owner = a;
        CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
        a.welcome = welcome;
        a.conn = conn;
        return sockets.open("/ws/agent", a.cookie, conn).thenCompose(c -> welcome);
    }

    /** How long nothing may complete before a bulk step gives up (the server stopped taking connections). */
    static final long STALL_SECONDS = 20;

    /**
     * Runs {@code step} for every item with at most {@code window} under way, and waits for all within the time
     * limit; gives up early when nothing completes for {@link #STALL_SECONDS} (a server that accepts no more
     * sockets). Returns how many failed or did not finish.
     */
    static <T> int forAll(List<T> items, int window, long limitSeconds, Function<T, CompletableFuture<?>> step)
            throws InterruptedException {
        Semaphore slots = new Semaphore(window);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger firstErrors = new AtomicInteger();
        AtomicLong progress = new AtomicLong(System.nanoTime());
        long stall = TimeUnit.SECONDS.toNanos(STALL_SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        int started = 0;
        boolean stalled = false;
        for (T item : items) {
            boolean got = false;
            while (!got && System.nanoTime() < deadline) {
                got = slots.tryAcquire(200, TimeUnit.MILLISECONDS);
                if (!got && System.nanoTime() - progress.get() > stall) {
                    stalled = true;
                    break;
                }
            }
            if (!got) {
                break;
            }
            started++;
            CompletableFuture<?> f;
            try {
                f = step.apply(item);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.orTimeout(60, TimeUnit.SECONDS).whenComplete((r, e) -> {
                if (e != null) {
                    failures.incrementAndGet();
                    if (firstErrors.incrementAndGet() <= 3) {
                        Bench.warn("step failed: " + e);
                    }
                } else {
                    progress.set(System.nanoTime());
                }
                slots.release();
            });
        }
        // wait for what is under way, unless it is stuck
        while (slots.availablePermits() < window && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(10)
                && System.nanoTime() - progress.get() < stall) {
            Thread.sleep(100);
        }
        if (stalled) {
            Bench.warn("gave up after " + started + " of " + items.size() + ": nothing completed for " + STALL_SECONDS
                    + " s");
        }
        int unfinished = window - slots.availablePermits();
        return failures.get() + (items.size() - started) + unfinished;
    }
}
