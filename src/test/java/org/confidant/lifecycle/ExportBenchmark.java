package org.confidant.lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.confidant.ConfidantApplication;
import org.confidant.Fixtures;
import org.confidant.IntegrationTestConfiguration;
import org.confidant.access.Grants;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.job.Job;
import org.confidant.job.JobManagement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workspace export on a large workspace: {@code N} messages (default 1,000,000), 100
 * per conversation, loaded in JDBC batches with real ciphertexts
 * ({@link ExportTestSamples}: the export decrypts every body); then the export is
 * requested and runs as a job on the application's scheduler, as in production, while a
 * sampler reads the heap every 250 ms: the heap in use after the last collection (the
 * live set, from the memory pools' collection usage, which forces nothing) and the heap
 * in use. When the job has succeeded, the ZIP is streamed to a file as a download is.
 * Prints the live heap at the start, its peak during the export and at the end, the time
 * and rate, and the sizes. Run it with a small fixed heap ({@code -Xmx256m}) to see that
 * the export streams. Runs on a fresh embedded database. Run: see BENCHMARKS.md.
 */
public final class ExportBenchmark {

    private static final int PER_CONVERSATION = 100;

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : 1_000_000;
        Path dataDir = Files.createTempDirectory("confidant-export-bench");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ConfidantApplication.class,
                IntegrationTestConfiguration.class)
            .run("--confidant.data-dir=" + dataDir, "--confidant.test.own-embedded-database=true", "--server.port=0",
                    "--logging.level.root=WARN", "--confidant.lifecycle.purge-interval=1d")) {
            Fixtures fixtures = app.getBean(Fixtures.class);
            Member owner = fixtures.workspaceWithOwner();
            Inbox inbox = fixtures.liveInbox(owner, "bench.example");
            Grants grants = fixtures.grants(owner);

            long loadStarted = System.nanoTime();
            ExportTestSamples.load(app, owner, inbox, total / PER_CONVERSATION, PER_CONVERSATION);
            double loaded = (System.nanoTime() - loadStarted) / 1e9;
            System.out.printf("export.loaded %d messages in %d conversations in %.1f s%n", total,
                    total / PER_CONVERSATION, loaded);

            System.gc();
            long liveAtStart = liveHeap();
            AtomicLong peakLive = new AtomicLong(liveAtStart);
            AtomicLong peakUsed = new AtomicLong(usedHeap());
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakLive.accumulateAndGet(liveHeap(), Math::max);
                    peakUsed.accumulateAndGet(usedHeap(), Math::max);
                    try {
                        Thread.sleep(250);
                    }
                    catch (InterruptedException e) {
                        return;
                    }
                }
            });

            ExportManagement exports = app.getBean(ExportManagement.class);
            JobManagement jobs = app.getBean(JobManagement.class);
            long started = System.nanoTime();
            ExportManagement.ExportStatus queued = exports.exportWorkspace(grants);
            Job job;
            do {
                Thread.sleep(200);
                job = jobs.find(grants, queued.job().id()).orElseThrow();
            }
            while (!job.finished());
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!job.state().code().equals("succeeded")) {
                throw new IllegalStateException("the export " + job.state().code());
            }
            sampler.interrupt();
            sampler.join();
            System.gc();
            long liveAtEnd = liveHeap();

            Path zip = dataDir.resolve("export.zip");
            long downloadStarted = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(zip)) {
                exports.write(grants, exports.openOwn(grants, queued.export().id().toString()), out);
            }
            double downloaded = (System.nanoTime() - downloadStarted) / 1e9;
            long stored;
            try (Stream<Path> parts = Files.walk(dataDir.resolve("exports"))) {
                stored = parts.filter(Files::isRegularFile).mapToLong(ExportBenchmark::size).sum();
            }
            System.out.printf("export.made %d messages (%d items in all) in %.1f s: %.0f messages/s%n", total,
                    job.done(), seconds, total / seconds);
            System.out.printf("export.heap_live start %d MB, peak %d MB, end %d MB (in use at most %d MB of %d MB)%n",
                    mb(liveAtStart), mb(peakLive.get()), mb(liveAtEnd), mb(peakUsed.get()),
                    mb(Runtime.getRuntime().maxMemory()));
            System.out.printf("export.size parts stored %.1f MB (encrypted), ZIP %.1f MB streamed in %.1f s%n",
                    stored / 1048576.0, Files.size(zip) / 1048576.0, downloaded);
            System.out.printf("export.duration %s%n", Duration.ofNanos((long) (seconds * 1e9)));
        }
    }

    /**
     * The heap in use after each pool's last collection: the live set, forcing nothing.
     */
    private static long liveHeap() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null) {
                live += afterGc.getUsed();
            }
        }
        return live;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

}
