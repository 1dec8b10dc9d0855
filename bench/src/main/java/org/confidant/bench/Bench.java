package org.confidant.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confidant's load harness. Starts the server, sets a workspace up through the product's own pages, runs the chosen
 * scenarios over real WebSockets, stops the server, and prints one line per figure ({@code name value unit}) plus a
 * JSON file. bench/run is the way in (it finds the JDK, builds what is missing and starts a throwaway PostgreSQL).
 */
public final class Bench {

    final Options options;
    final Results results = new Results();
    ServerProcess server;
    Workspace workspace;
    Sockets sockets;
    private String database;
    private double loadAtStart;

    private Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Bench bench = new Bench(options);
        Thread hook = new Thread(bench::emergencyStop);
        Runtime.getRuntime().addShutdownHook(hook);
        int status = bench.run();
        Runtime.getRuntime().removeShutdownHook(hook);
        System.exit(status);
    }

    /** Progress, on stderr: stdout carries nothing but the figures. */
    static void log(String message) {
        System.err.println("# " + message);
    }

    static void warn(String message) {
        System.err.println("# WARN " + message);
    }

    private int run() throws Exception {
        Files.createDirectories(options.runDir);
        String started = OffsetDateTime.now().toString();
        loadAtStart = Proc.loadAverage();
        log("load average at start: " + loadAtStart);
        long wallStart = System.nanoTime();
        boolean failed = false;
        try {
            server = new ServerProcess(options, databaseEnvironment());
            new StartupScenario(this).run();
            sockets = new Sockets(server.port, options.sources);
            for (String scenario : options.scenarios) {
                if (scenario.equals("startup")) {
                    continue;
                }
                if (!server.alive()) {
                    results.problem("the server is not running before " + scenario + "; see " + server.log());
                    break;
                }
                log("---- " + scenario + " ---- (load average " + Proc.loadAverage() + ")");
                long t = System.nanoTime();
                long pid0 = server.pid();
                long machine0 = Proc.machineBusyNanos();
                long ours0 = server.cpuNanos() + selfCpuNanos() + postgresCpuNanos();
                boolean recording = options.jfr && !scenario.equals("crash") && startRecording();
                try {
                    switch (scenario) {
                        case "widget" -> new WidgetScenario(this).run();
                        case "idle" -> new IdleScenario(this).run();
                        case "steady" -> new SteadyScenario(this).run();
                        case "storm" -> new StormScenario(this).run();
                        case "saturation" -> new SaturationScenario(this).run();
                        case "crash" -> new CrashScenario(this).run();
                        default -> throw new IllegalStateException(scenario);
                    }
                } catch (Exception e) {
                    failed = true;
                    results.problem(scenario + " failed: " + e);
                    e.printStackTrace();
                }
                int leftOpen = sockets.dropAll();
                if (leftOpen > 0) {
                    log(scenario + " left " + leftOpen + " sockets open; dropped them");
                    sleep(Duration.ofSeconds(2));
                }
                long wall = System.nanoTime() - t;
                if (recording) {
                    stopRecording(scenario);
                }
                if (server.alive() && server.pid() == pid0 && wall >= 5_000_000_000L) {
                    long others = (Proc.machineBusyNanos() - machine0)
                            - (server.cpuNanos() + selfCpuNanos() + postgresCpuNanos() - ours0);
                    // CPU that neither the server, the harness nor PostgreSQL used: other work on the machine
                    // (only over scenarios of 5 s or more: /proc counts in 10 ms ticks)
                    results.add(scenario + ".other_cpu", Math.max(0, others) / (double) wall, "cores");
                }
                log(scenario + " took " + Math.round(wall / 1e9) + " s");
            }
        } catch (Exception e) {
            failed = true;
            results.problem("run failed: " + e);
            e.printStackTrace();
        } finally {
            if (sockets != null) {
                sockets.close();
            }
            if (server != null) {
                server.stop();
            }
            dropDatabase();
        }
        results.add("run.wall_time", Math.round((System.nanoTime() - wallStart) / 1e8) / 10.0, "s");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("started", started);
        header.put("command", options.command);
        header.put("revision", options.revision);
        header.put("machine", machine());
        header.put("loadAverageAtStart", loadAtStart);
        header.put("parameters", options.describe());
        results.write(options.out, header);
        log("figures written to " + options.out);
        if (!results.problems().isEmpty()) {
            log(results.problems().size() + " problem(s):");
            results.problems().forEach(p -> log("  " + p));
        }
        return failed || !results.problems().isEmpty() ? 1 : 0;
    }

    /** Datasource variables for the server: none for H2 (its data folder is fresh), a new database on PostgreSQL. */
    private Map<String, String> databaseEnvironment() throws SQLException {
        Map<String, String> env = new LinkedHashMap<>();
        if (!options.db.equals("postgres")) {
            return env;
        }
        database = "confidant_bench_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(options.pgUrl, options.pgUser, options.pgPassword);
                Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        env.put("SPRING_DATASOURCE_URL", pgUrlFor(database));
        env.put("SPRING_DATASOURCE_USERNAME", options.pgUser);
        env.put("SPRING_DATASOURCE_PASSWORD", options.pgPassword);
        log("PostgreSQL database " + database);
        return env;
    }

    /** The JDBC URL of another database on the same PostgreSQL server. */
    String pgUrlFor(String db) {
        String url = options.pgUrl;
        int q = url.indexOf('?');
        String query = q < 0 ? "" : url.substring(q);
        String noQuery = q < 0 ? url : url.substring(0, q);
        return noQuery.substring(0, noQuery.lastIndexOf('/') + 1) + db + query;
    }

    String database() {
        return database;
    }

    private void dropDatabase() {
        if (database == null || options.keepDatabase) {
            return;
        }
        try (Connection c = DriverManager.getConnection(options.pgUrl, options.pgUser, options.pgPassword);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database);
        } catch (SQLException e) {
            warn("could not drop " + database + ": " + e.getMessage());
        }
    }

    /** --jfr: a JFR recording (profile settings) of the server for the length of one scenario. */
    private boolean startRecording() {
        try {
            String out = server.jcmd("JFR.start", "name=bench", "settings=profile");
            return out.contains("Started recording");
        } catch (IOException | InterruptedException e) {
            warn("JFR.start failed: " + e);
            return false;
        }
    }

    private void stopRecording(String scenario) {
        Path file = options.runDir.resolve(scenario + ".jfr");
        try {
            server.jcmd("JFR.stop", "name=bench", "filename=" + file);
            log("JFR recording of " + scenario + ": " + file);
        } catch (IOException | InterruptedException e) {
            warn("JFR.stop failed: " + e);
        }
    }

    private void emergencyStop() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (Exception ignored) {
            // exiting anyway
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    m.put("memTotalKb", Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).strip());
                    break;
                }
            }
            m.put("kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        } catch (IOException ignored) {
            // partial
        }
        m.put("harnessJvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return m;
    }

    // ---- shared helpers for the scenarios ----------------------------------------------------------------------

    /** The harness's own CPU time (nanoseconds). */
    static long selfCpuNanos() {
        return Proc.cpuNanos(ProcessHandle.current().pid());
    }

    /** CPU time of the PostgreSQL server this run uses, when bench/run told us its postmaster. */
    long postgresCpuNanos() {
        return options.pgPid > 0 ? Proc.treeCpuNanos(options.pgPid) : 0;
    }

    /** The harness's live heap after a full collection (bytes). */
    static long selfLiveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The server's live heap (full GC) and class histogram, and its RSS; the histogram is saved in the run dir. */
    ServerMemory serverMemory(String label) throws IOException, InterruptedException {
        String histogram = server.jcmd("GC.class_histogram");
        Files.writeString(options.runDir.resolve("histogram-" + label + ".txt"), histogram);
        Map<String, long[]> classes = new LinkedHashMap<>();
        long live = -1;
        for (String line : histogram.split("\n")) {
            String t = line.strip();
            if (t.startsWith("Total")) {
                String[] p = t.split("\\s+");
                live = Long.parseLong(p[2]);
            } else if (t.matches("^\\d+:.*")) {
                String[] p = t.split("\\s+");
                if (p.length >= 4) {
                    classes.put(p[3], new long[] {Long.parseLong(p[1]), Long.parseLong(p[2])});
                }
            }
        }
        Thread.sleep(500);
        return new ServerMemory(live, server.rssKb(), classes);
    }

    record ServerMemory(long liveHeapBytes, long rssKb, Map<String, long[]> classes) {

        /** The classes whose live bytes grew most from {@code before} to this, as "class +bytes (+instances)". */
        List<String> growthSince(ServerMemory before, int top, long per) {
            List<Map.Entry<String, long[]>> diffs = new ArrayList<>();
            for (var e : classes.entrySet()) {
                long[] b = before.classes.getOrDefault(e.getKey(), new long[2]);
                diffs.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]}));
            }
            diffs.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < Math.min(top, diffs.size()); i++) {
                var d = diffs.get(i);
                lines.add(String.format("%-70s %+12d bytes %+9d instances  (%.0f B and %.2f per socket)", d.getKey(),
                        d.getValue()[1], d.getValue()[0], per > 0 ? (double) d.getValue()[1] / per : 0,
                        per > 0 ? (double) d.getValue()[0] / per : 0));
            }
            return lines;
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
