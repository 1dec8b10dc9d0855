package org.confidant.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * saturation (PostgreSQL): K visitors each send their next message the moment the previous one is acked (closed
 * loop), so the server takes as many as it can; durable msg/s is acks per second (an ack means committed). Then, on
 * the same PostgreSQL and with the same client count K, pgbench runs a durable single-row insert into a table shaped
 * like {@code message} (same columns and unique indexes, no foreign keys; the body is the message text's bytes where
 * the product stores its ciphertext), one statement per transaction; the ratio of the two is the figure.
 */
final class SaturationScenario {

    private static final String TEXT = "Hello! I ordered a blue jacket last week and it has not arrived yet, can you check?";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Bench bench;

    SaturationScenario(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Options o = bench.options;
        if (!o.db.equals("postgres")) {
            Bench.log("saturation runs on PostgreSQL only (--db postgres); skipped");
            return;
        }
        int k = o.saturationClients;
        Chat.VisitorHandler handler = new Chat.VisitorHandler(new Chat.Hooks() {
        });
        List<Chat.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            visitors.add(new Chat.Visitor(i, false));
        }
        int failed = Chat.forAll(visitors, 64, 60, v -> Chat.connect(bench.sockets, bench.workspace.inbox, v, handler)
                .thenCompose(w -> v.send("x" + v.idx + "-0", "Hi")));
        if (failed > 0) {
            throw new IllegalStateException(failed + " saturation visitors could not start");
        }
        // the dashboards stay open, as they would
        List<Chat.Agent> agents = new ArrayList<>();
        Chat.AgentHandler agentHandler = new Chat.AgentHandler(new Chat.Hooks() {
        });
        for (int a = 0; a < o.agents; a++) {
            Chat.Agent agent = new Chat.Agent(a, bench.workspace.agentCookie(a));
            Chat.connect(bench.sockets, agent, agentHandler).get(30, TimeUnit.SECONDS);
            agents.add(agent);
        }

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong acked = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Histogram latency = new ConcurrentHistogram(1, 600_000_000L, 3);
        long warmup = TimeUnit.SECONDS.toNanos(5);
        long start = System.nanoTime();
        long measureFrom = start + warmup;
        long end = measureFrom + TimeUnit.SECONDS.toNanos(o.saturationDuration);
        for (Chat.Visitor v : visitors) {
            next(v, 1, running, acked, errors, latency, measureFrom, end);
        }
        Bench.sleep(Duration.ofNanos(warmup));
        long cpuServer0 = bench.server.cpuNanos();
        long cpuSelf0 = Bench.selfCpuNanos();
        long cpuPg0 = bench.postgresCpuNanos();
        long acked0 = acked.get();
        Bench.sleep(Duration.ofNanos(end - System.nanoTime()));
        long acked1 = acked.get();
        long wall = System.nanoTime() - measureFrom;
        double serverCores = Proc.cores(cpuServer0, bench.server.cpuNanos(), wall);
        double selfCores = Proc.cores(cpuSelf0, Bench.selfCpuNanos(), wall);
        double pgCores = Proc.cores(cpuPg0, bench.postgresCpuNanos(), wall);
        running.set(false);
        Bench.sleep(Duration.ofSeconds(3));
        double rate = (acked1 - acked0) / (wall / 1e9);
        for (Chat.Visitor v : visitors) {
            v.conn.close();
        }
        for (Chat.Agent a : agents) {
            a.conn.close();
        }

        bench.results.add("saturation.clients", k, "count");
        bench.results.add("saturation.durable_rate", rate, "msg/s");
        bench.results.latency("saturation.ack", latency);
        bench.results.add("saturation.errors", errors.get(), "count");
        bench.results.add("saturation.server_cpu", serverCores, "cores");
        bench.results.add("saturation.harness_cpu", selfCores, "cores");
        if (o.pgPid > 0) {
            bench.results.add("saturation.postgres_cpu", pgCores, "cores");
        }

        Bench.sleep(Duration.ofSeconds(2));
        if (o.pgbench == null || !Files.isExecutable(o.pgbench)) {
            bench.results.problem("saturation: no pgbench (--pgbench); the ratio is not measured");
            return;
        }
        double tps = pgbench(k, o.saturationDuration);
        bench.results.add("saturation.pgbench_insert_rate", tps, "tps");
        bench.results.add("saturation.ratio", tps > 0 ? rate / tps : 0, "ratio");
    }

    private void next(Chat.Visitor v, int n, AtomicBoolean running, AtomicLong acked, AtomicLong errors,
            Histogram latency, long measureFrom, long end) {
        if (!running.get()) {
            return;
        }
        long sent = System.nanoTime();
        v.send("x" + v.idx + "-" + n, TEXT).whenComplete((ack, e) -> {
            long now = System.nanoTime();
            if (e != null) {
                errors.incrementAndGet();
            } else {
                acked.incrementAndGet();
                if (sent >= measureFrom && sent < end) {
                    latency.recordValue(Math.max(1, (now - sent) / 1000));
                }
            }
            next(v, n + 1, running, acked, errors, latency, measureFrom, end);
        });
    }

    /** pgbench: a durable one-row insert per transaction into a copy of message's shape, K clients. */
    private double pgbench(int clients, int seconds) throws IOException, InterruptedException, SQLException {
        String db = bench.database();
        String url = bench.pgUrlFor(db);
        try (Connection c = DriverManager.getConnection(url, bench.options.pgUser, bench.options.pgPassword);
                Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_pgbench_message");
            s.execute("""
                    create table bench_pgbench_message (
                        id uuid primary key, workspace_id uuid not null, conversation_id uuid not null,
                        seq bigint not null, client_msg_id varchar(64) not null, author_kind varchar(16) not null,
                        author_member_id uuid, body bytea not null, created_at timestamp with time zone not null,
                        unique (conversation_id, seq), unique (conversation_id, client_msg_id))""");
        }
        Path script = bench.options.runDir.resolve("pgbench-insert.sql");
        Files.writeString(script, """
                \\set n random(1, 2000000000)
                insert into bench_pgbench_message (id, workspace_id, conversation_id, seq, client_msg_id, author_kind, author_member_id, body, created_at) values (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', gen_random_uuid(), :n, 'x-' || :n, 'VISITOR', null, convert_to('%s', 'UTF8'), now());
                """.formatted(TEXT), StandardCharsets.UTF_8);
        URI u = URI.create(url.substring("jdbc:".length()));
        List<String> cmd = List.of(bench.options.pgbench.toString(), "-n", "-h", u.getHost(), "-p",
                Integer.toString(u.getPort() < 0 ? 5432 : u.getPort()), "-U", bench.options.pgUser, "-c",
                Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds), "-M", "prepared", "-f",
                script.toString(), db);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PGPASSWORD", bench.options.pgPassword);
        long cpuPg0 = bench.postgresCpuNanos();
        long t = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(seconds + 60L, TimeUnit.SECONDS);
        double pgCores = Proc.cores(cpuPg0, bench.postgresCpuNanos(), System.nanoTime() - t);
        Files.writeString(bench.options.runDir.resolve("pgbench.log"), String.join(" ", cmd) + "\n" + out);
        Matcher m = TPS.matcher(out);
        if (!m.find()) {
            bench.results.problem("saturation: pgbench printed no tps; see pgbench.log");
            return 0;
        }
        if (bench.options.pgPid > 0) {
            bench.results.add("saturation.pgbench_postgres_cpu", pgCores, "cores");
        }
        try (Connection c = DriverManager.getConnection(url, bench.options.pgUser, bench.options.pgPassword);
                Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_pgbench_message");
        }
        return Double.parseDouble(m.group(1));
    }
}
