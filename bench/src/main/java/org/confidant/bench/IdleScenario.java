package org.confidant.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

/**
 * idle visitors: N widget sockets connected and authenticated (hello → welcome), then no chat traffic (a ping every
 * 25 s, as the widget sends). Measures the server's added memory per socket: live heap after a full GC (from
 * {@code jcmd GC.class_histogram}) and RSS, before and after, divided by the sockets that still answer a ping.
 */
final class IdleScenario {

    private static final int WINDOW = 128;

    private final Bench bench;
    private final AtomicInteger welcomed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger pongs = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final Semaphore window = new Semaphore(WINDOW);
    private final ConcurrentLinkedQueue<Conn> open = new ConcurrentLinkedQueue<>();

    IdleScenario(Bench bench) {
        this.bench = bench;
    }

    /** Releases the socket's window slot once: at its welcome, or when it fails before. */
    private final class Slot {
        final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            if (held.compareAndSet(true, false)) {
                window.release();
            }
        }
    }

    private final Conn.Handler handler = new Conn.Handler() {
        @Override
        public void onFrame(Conn conn, JsonNode frame, long nanos) {
            switch (frame.path("type").asString()) {
                case "welcome" -> {
                    welcomed.incrementAndGet();
                    open.add(conn);
                    ((Slot) conn.owner).release();
                }
                case "pong" -> pongs.incrementAndGet();
                case "error" -> {
                    errors.incrementAndGet();
                    ((Slot) conn.owner).release();
                }
                default -> {
                }
            }
        }

        @Override
        public void onClosed(Conn conn) {
            closed.incrementAndGet();
            ((Slot) conn.owner).release();
        }
    };

    void run() throws Exception {
        int n = bench.options.idleSockets;
        Bench.ServerMemory before = bench.serverMemory("idle-before");
        long harnessHeapBefore = Bench.selfLiveHeap();
        long harnessRssBefore = Proc.rssKb(ProcessHandle.current().pid());
        Bench.log("server before: live heap " + before.liveHeapBytes() / 1024 + " kB, RSS " + before.rssKb() + " kB");

        long t0 = System.nanoTime();
        long cpu0 = bench.server.cpuNanos();
        long self0 = Bench.selfCpuNanos();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(bench.options.idleOpenSeconds);
        long lastPing = t0;
        int started = 0;
        long lastCount = 0;
        long lastProgress = t0;
        while (started < n && System.nanoTime() < deadline) {
            // progress is a welcome: failures free window slots too, so a server that takes no more sockets would
            // otherwise be fed new ones until the deadline
            long done = welcomed.get();
            if (done != lastCount) {
                lastCount = done;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(Chat.STALL_SECONDS)) {
                Bench.log("idle: no socket was welcomed for " + Chat.STALL_SECONDS + " s: the server takes no more");
                break;
            }
            if (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                continue;
            }
            Conn conn = new Conn(handler);
            Slot slot = new Slot();
            conn.owner = slot;
            started++;
            bench.sockets.open("/ws/visitor", null, conn).whenComplete((c, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                    slot.release();
                } else {
                    c.send(Json.hello(bench.workspace.inbox, null));
                }
            });
            if (started % 2000 == 0) {
                Bench.log("idle: " + started + " opened, " + welcomed.get() + " welcomed, " + failed.get() + " failed");
            }
            if (System.nanoTime() - lastPing > TimeUnit.SECONDS.toNanos(25)) {
                pingAll();
                lastPing = System.nanoTime();
            }
        }
        // wait for the handshakes still under way (those the server never takes time out on their own)
        window.tryAcquire(WINDOW, Math.min(Chat.STALL_SECONDS,
                Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L) + 15), TimeUnit.SECONDS);
        long openNanos = System.nanoTime() - t0;
        double openCores = Proc.cores(cpu0, bench.server.cpuNanos(), openNanos);
        double selfCores = Proc.cores(self0, Bench.selfCpuNanos(), openNanos);
        Bench.log("idle: " + welcomed.get() + " welcomed of " + started + " started (" + failed.get() + " failed, "
                + errors.get() + " errors, " + closed.get() + " closed) in " + openNanos / 1_000_000 + " ms");

        Bench.sleep(Duration.ofSeconds(5));
        Bench.ServerMemory after = bench.serverMemory("idle-after");
        long harnessHeapAfter = Bench.selfLiveHeap();
        long harnessRssAfter = Proc.rssKb(ProcessHandle.current().pid());

        // which sockets are still there: each answers a ping
        pongs.set(0);
        int asked = pingAll();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pongs.get() < asked && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        int alive = pongs.get();

        bench.results.add("idle.sockets", alive, "count");
        bench.results.add("idle.open_rate", welcomed.get() / (openNanos / 1e9), "sockets/s");
        bench.results.add("idle.failed", started - welcomed.get(), "count");
        if (alive > 0) {
            double heapPer = (after.liveHeapBytes() - before.liveHeapBytes()) / 1024.0 / alive;
            double rssPer = (double) (after.rssKb() - before.rssKb()) / alive;
            bench.results.add("idle.heap_per_socket", heapPer, "kB");
            bench.results.add("idle.rss_per_socket", rssPer, "kB");
            bench.results.add("idle.server_rss", after.rssKb() / 1024.0, "MB");
            bench.results.add("idle.harness_heap_per_socket", (harnessHeapAfter - harnessHeapBefore) / 1024.0 / alive, "kB");
            bench.results.add("idle.harness_rss_per_socket", (double) (harnessRssAfter - harnessRssBefore) / alive, "kB");
            List<String> growth = after.growthSince(before, 15, alive);
            Bench.log("server heap growth by class (live objects, full GC):");
            growth.forEach(line -> Bench.log("  " + line));
            bench.results.detail("idle.server_heap_growth_by_class", growth);
        }
        bench.results.add("idle.server_cpu_while_opening", openCores, "cores");
        bench.results.add("idle.harness_cpu_while_opening", selfCores, "cores");

        // close them all (normal close), then drop what is left
        for (Conn c : open) {
            c.close();
        }
        long closeUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (closed.get() < welcomed.get() && System.nanoTime() < closeUntil) {
            Thread.sleep(100);
        }
        for (Conn c : open) {
            c.abort();
        }
        open.clear();
        Bench.sleep(Duration.ofSeconds(2));
    }

    private int pingAll() {
        int n = 0;
        for (Conn c : open) {
            if (c.open) {
                c.send(Json.PING);
                n++;
            }
        }
        return n;
    }
}
