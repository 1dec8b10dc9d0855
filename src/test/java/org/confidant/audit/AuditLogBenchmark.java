package org.confidant.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.confidant.ConfidantApplication;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit page on a large log: appends {@code N} entries (default 1,000,000) to one workspace through the log's own
 * writer (hash chain included, 10,000 per transaction), then times the first page and a page deep in the log (keyset),
 * without and with filters, and a full verification. Runs on a fresh embedded database, or on PostgreSQL when the
 * {@code spring.datasource.*} arguments name one. Run: see BENCHMARKS.md.
 */
public final class AuditLogBenchmark {

    private static final int BATCH = 10_000;
    private static final int RUNS = 7;

    private AuditLogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : 1_000_000;
        Path dataDir = Files.createTempDirectory("confidant-audit-bench");
        List<String> arguments = new ArrayList<>(List.of("--confidant.data-dir=" + dataDir,
                "--confidant.test.own-embedded-database=true", "--logging.level.root=WARN"));
        for (String arg : args) {
            if (arg.startsWith("--")) {
                arguments.add(arg);
            }
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ConfidantApplication.class)
                .web(WebApplicationType.NONE).run(arguments.toArray(String[]::new))) {
            AuditLog log = app.getBean(AuditLog.class);
            AuditEntries entries = app.getBean(AuditEntries.class);
            TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
            WorkspaceId workspace = app.getBean(WorkspaceManagement.class).create("Benchmark").id();
            List<MemberId> actors = List.of(MemberId.random(), MemberId.random(), MemberId.random(),
                    MemberId.random(), MemberId.random());

            long started = System.nanoTime();
            for (int done = 0; done < total; done += BATCH) {
                int from = done;
                transactions.executeWithoutResult(status -> {
                    for (int i = from; i < Math.min(from + BATCH, total); i++) {
                        // 1 in 100 a role change (the filtered action); reads for the rest, five agents in turn
                        boolean roleChange = i % 100 == 0;
                        log.append(workspace, AuditActor.member(actors.get(i % actors.size()), "agent" + (i % 5)
                                + "@example.com"), roleChange ? "member.role_changed" : "conversation.read",
                                roleChange ? "member:" + actors.get((i + 1) % 5) : "conversation:" + MemberId.random(),
                                AuditOutcome.SUCCESS, "192.0.2." + (i % 250), "Mozilla/5.0 (X11; Linux x86_64)",
                                roleChange ? Map.of("role", "manager") : Map.of());
                    }
                });
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("appended %,d entries in %.1f s (%,.0f entries/s)%n", total, seconds, total / seconds);

            long deep = total / 10; // 90% of the log above it
            AuditFilter none = AuditFilter.NONE;
            AuditFilter action = AuditFilter.parse(null, "member.role_changed", null, null, null);
            AuditFilter actor = AuditFilter.parse(actors.get(2).toString(), null, null, null, null);
            time("first page, no filter", () -> entries.page(workspace, none, Long.MAX_VALUE, AuditLog.PAGE_SIZE));
            time("page below entry " + deep + ", no filter",
                    () -> entries.page(workspace, none, deep, AuditLog.PAGE_SIZE));
            time("first page, action = member.role_changed (1%)",
                    () -> entries.page(workspace, action, Long.MAX_VALUE, AuditLog.PAGE_SIZE));
            time("page below entry " + deep + ", action = member.role_changed",
                    () -> entries.page(workspace, action, deep, AuditLog.PAGE_SIZE));
            time("first page, actor = one of 5 members",
                    () -> entries.page(workspace, actor, Long.MAX_VALUE, AuditLog.PAGE_SIZE));
            time("page below entry " + deep + ", actor = one of 5 members",
                    () -> entries.page(workspace, actor, deep, AuditLog.PAGE_SIZE));
            long verifyStart = System.nanoTime();
            Verification verification = log.verify(workspace);
            System.out.printf("verify: %s, %,d entries in %.1f s%n", verification.intact() ? "intact" : "BROKEN",
                    verification.entries(), (System.nanoTime() - verifyStart) / 1e9);
        }
    }

    /** Median of {@value #RUNS} runs after one warm-up, in milliseconds. */
    private static void time(String what, Supplier<List<AuditEntry>> page) {
        int size = page.get().size();
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            page.get();
            runs.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(runs);
        System.out.printf("%-55s %3d entries, median %7.2f ms (min %.2f, max %.2f)%n", what, size,
                runs.get(RUNS / 2), runs.getFirst(), runs.getLast());
    }
}
