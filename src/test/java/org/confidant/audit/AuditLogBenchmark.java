package org.confidant.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.confidant.ConfidantApplication;
import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit page on a large log: {@code N} entries (default 1,000,000) in one workspace,
 * all but the last 10,000 loaded in JDBC batches with their chain hashes computed by the
 * log's own {@link AuditChain}, the last 10,000 through the writer itself (which also
 * gives its rate); then it times the first page and a page deep in the log (keyset),
 * without and with filters, and a full verification. Runs on a fresh embedded database,
 * or on PostgreSQL when the {@code spring.datasource.*} arguments name one. Run: see
 * BENCHMARKS.md.
 */
public final class AuditLogBenchmark {

    private static final int BATCH = 5_000;

    private static final int WRITER_ENTRIES = 10_000;

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
            .web(WebApplicationType.NONE)
            .run(arguments.toArray(String[]::new))) {
            AuditLog log = app.getBean(AuditLog.class);
            AuditEntries entries = app.getBean(AuditEntries.class);
            TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
            WorkspaceId workspace = app.getBean(WorkspaceManagement.class).create("Benchmark").id();
            List<MemberId> actors = List.of(MemberId.random(), MemberId.random(), MemberId.random(), MemberId.random(),
                    MemberId.random());

            // the bulk straight into the tables, chained and hashed by the log's own
            // AuditChain, in JDBC batches;
            // the last WRITER_ENTRIES through the writer itself (head lock, insert, head
            // update per entry)
            AuditChain chain = app.getBean(AuditChain.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            int bulk = Math.max(0, total - WRITER_ENTRIES);
            long started = System.nanoTime();
            byte[] previous = AuditChain.GENESIS;
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < bulk; i++) {
                AuditEntry entry = entry(workspace, i + 1, at, actors, i, previous);
                AuditEntry sealed = new AuditEntry(workspace, entry.sequence(), at, entry.actor(), entry.action(),
                        entry.target(), entry.outcome(), entry.sourceIp(), entry.userAgent(), entry.details(), previous,
                        chain.hash(entry));
                previous = sealed.hash();
                rows.add(new Object[] { workspace.value(), sealed.sequence(), Timestamps.toDatabase(at),
                        sealed.actor().kind().name(), sealed.actor().id(), sealed.actor().label(), sealed.action(),
                        sealed.target(), sealed.outcome().name(), sealed.sourceIp(), sealed.userAgent(),
                        sealed.details(), sealed.prevHash(), sealed.hash() });
                if (rows.size() == BATCH || i == bulk - 1) {
                    List<Object[]> batch = List.copyOf(rows);
                    rows.clear();
                    transactions.executeWithoutResult(status -> jdbc.batchUpdate("insert into audit_entry ("
                            + "workspace_id, sequence, recorded_at, actor_kind, actor_id, actor_label, action, target, "
                            + "outcome, source_ip, user_agent, details, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, "
                            + "?, ?, ?, ?, ?, ?)", batch));
                }
            }
            if (bulk > 0) {
                jdbc.update(
                        "insert into audit_chain (workspace_id, last_sequence, last_hash, anchor_sequence, "
                                + "anchor_hash) values (?, ?, ?, 0, ?)",
                        workspace.value(), (long) bulk, previous, AuditChain.GENESIS);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("bulk-loaded %,d chained entries in %.1f s%n", bulk, seconds);
            started = System.nanoTime();
            transactions.executeWithoutResult(status -> {
                for (int i = bulk; i < total; i++) {
                    AuditEntry entry = entry(workspace, 0, at, actors, i, null);
                    log.append(workspace, entry.actor(),
                            i % 100 == 0 ? AuditAction.MEMBER_ROLE_CHANGED : AuditAction.CONVERSATION_READ,
                            entry.target(), entry.outcome(), entry.sourceIp(), entry.userAgent(),
                            i % 100 == 0 ? Map.of("role", "manager") : Map.of());
                }
            });
            seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("appended %,d entries through the writer in %.1f s (%,.0f entries/s)%n", total - bulk,
                    seconds, (total - bulk) / seconds);

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
            ChainVerification verification = log.verify(workspace);
            System.out.printf("verify: %s, %,d entries in %.1f s%n", verification.intact() ? "intact" : "BROKEN",
                    verification.entries(), (System.nanoTime() - verifyStart) / 1e9);
        }
    }

    /**
     * The i-th entry: 1 in 100 a role change (the filtered action), reads for the rest,
     * five members in turn.
     */
    private static AuditEntry entry(WorkspaceId workspace, long sequence, Instant at, List<MemberId> actors, int i,
            byte[] previous) {
        boolean roleChange = i % 100 == 0;
        return new AuditEntry(workspace, sequence, at,
                AuditActor.member(actors.get(i % actors.size()), "agent" + (i % 5) + "@example.com"),
                roleChange ? "member.role_changed" : "conversation.read",
                roleChange ? "member:" + actors.get((i + 1) % 5) : "conversation:" + UUID.randomUUID(),
                AuditOutcome.SUCCESS, "192.0.2." + (i % 250), "Mozilla/5.0 (X11; Linux x86_64)",
                roleChange ? "{\"role\":\"manager\"}" : "{}", previous, null);
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
        System.out.printf("%-55s %3d entries, median %7.2f ms (min %.2f, max %.2f)%n", what, size, runs.get(RUNS / 2),
                runs.getFirst(), runs.getLast());
    }

}
