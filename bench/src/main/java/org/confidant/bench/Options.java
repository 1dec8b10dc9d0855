package org.confidant.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The harness's flags ({@code --name value} or {@code --name=value}); see BENCHMARKS.md for what each means. */
final class Options {

    static final List<String> ALL_SCENARIOS = List.of("startup", "widget", "idle", "steady", "storm", "saturation",
            "crash");

    // where things are
    Path jar;
    Path java;
    Path runDir;
    Path out;
    String command = "";
    String revision = "";

    // database
    String db = "postgres";
    String pgUrl;
    String pgUser;
    String pgPassword;
    Path pgbench;
    long pgPid;
    boolean keepDatabase;

    // what to run
    Set<String> scenarios = new LinkedHashSet<>(ALL_SCENARIOS);
    int sources = 8;
    int agents = 8;

    int idleSockets = 19_000;
    int idleOpenSeconds = 120;

    int conversations = -1;
    double rate = 1000;
    int warmup = 10;
    int duration = 60;
    double visitorInterval = 5.0;

    int stormSockets = 10_000;
    int stormMessages = 2_000;
    int stormLimitSeconds = 60;

    int saturationClients = 32;
    int saturationDuration = 30;

    /** steady: messages due for purge loaded beside the chat (0: none; PostgreSQL only). */
    int purgeMessages;

    int crashConversations = 1_000;
    double crashRate = 400;
    int crashAfter = 15;

    // the server
    /** Tomcat's connection cap for the server (0: the product's own setting, 100,000). */
    int serverMaxConnections;
    boolean jfr;
    List<String> serverArgs = new ArrayList<>();
    List<String> serverJvmArgs = new ArrayList<>();

    /** The effective number of steady conversations: from the flag, or enough for {@link #rate} (visitor + agent). */
    int steadyConversations() {
        if (conversations > 0) {
            return conversations;
        }
        // each conversation carries one visitor message and one answer per interval
        return (int) Math.max(1, Math.round(rate * visitorInterval / 2));
    }

    static Options parse(String[] args) {
        Options o = new Options();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (name.equals("jfr") || name.equals("keep-database")) {
                    value = "true";
                } else {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
            }
            switch (name) {
                case "server-arg" -> o.serverArgs.add(value);
                case "server-jvm-arg" -> o.serverJvmArgs.add(value);
                default -> values.put(name, value);
            }
        }
        for (var e : values.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "jar" -> o.jar = Path.of(v);
                case "java" -> o.java = Path.of(v);
                case "run-dir" -> o.runDir = Path.of(v);
                case "out" -> o.out = Path.of(v);
                case "command" -> o.command = v;
                case "revision" -> o.revision = v;
                case "db" -> {
                    if (!v.equals("h2") && !v.equals("postgres")) {
                        throw new IllegalArgumentException("--db is h2 or postgres");
                    }
                    o.db = v;
                }
                case "pg-url" -> o.pgUrl = v;
                case "pg-user" -> o.pgUser = v;
                case "pg-password" -> o.pgPassword = v;
                case "pgbench" -> o.pgbench = Path.of(v);
                case "pg-pid" -> o.pgPid = Long.parseLong(v);
                case "keep-database" -> o.keepDatabase = Boolean.parseBoolean(v);
                case "scenarios" -> {
                    Set<String> chosen = new LinkedHashSet<>();
                    for (String s : v.split(",")) {
                        String name = s.strip();
                        if (name.isEmpty()) {
                            continue;
                        }
                        if (name.equals("all")) {
                            chosen.addAll(ALL_SCENARIOS);
                        } else if (!ALL_SCENARIOS.contains(name)) {
                            throw new IllegalArgumentException("unknown scenario " + name + "; known: " + ALL_SCENARIOS);
                        } else {
                            chosen.add(name);
                        }
                    }
                    // always in the documented order
                    o.scenarios = new LinkedHashSet<>();
                    ALL_SCENARIOS.stream().filter(chosen::contains).forEach(o.scenarios::add);
                }
                case "sources" -> o.sources = Integer.parseInt(v);
                case "agents" -> o.agents = Integer.parseInt(v);
                case "idle-sockets" -> o.idleSockets = Integer.parseInt(v);
                case "idle-open-seconds" -> o.idleOpenSeconds = Integer.parseInt(v);
                case "conversations" -> o.conversations = Integer.parseInt(v);
                case "rate" -> o.rate = Double.parseDouble(v);
                case "warmup" -> o.warmup = Integer.parseInt(v);
                case "duration" -> o.duration = Integer.parseInt(v);
                case "storm-sockets" -> o.stormSockets = Integer.parseInt(v);
                case "storm-messages" -> o.stormMessages = Integer.parseInt(v);
                case "storm-limit" -> o.stormLimitSeconds = Integer.parseInt(v);
                case "saturation-clients" -> o.saturationClients = Integer.parseInt(v);
                case "saturation-duration" -> o.saturationDuration = Integer.parseInt(v);
                case "purge-messages" -> o.purgeMessages = Integer.parseInt(v);
                case "crash-conversations" -> o.crashConversations = Integer.parseInt(v);
                case "crash-rate" -> o.crashRate = Double.parseDouble(v);
                case "crash-after" -> o.crashAfter = Integer.parseInt(v);
                case "server-max-connections" -> o.serverMaxConnections = Integer.parseInt(v);
                case "jfr" -> o.jfr = Boolean.parseBoolean(v);
                default -> throw new IllegalArgumentException("unknown flag --" + e.getKey());
            }
        }
        if (o.jar == null || o.java == null || o.runDir == null || o.out == null) {
            throw new IllegalArgumentException("--jar, --java, --run-dir and --out are required (bench/run sets them)");
        }
        if (o.db.equals("postgres") && o.pgUrl == null) {
            throw new IllegalArgumentException("--db postgres needs --pg-url/--pg-user/--pg-password");
        }
        if (o.purgeMessages > 0) {
            if (!o.db.equals("postgres")) {
                throw new IllegalArgumentException("--purge-messages needs --db postgres (the harness loads them by SQL)");
            }
            // the purge runs every second, so that it starts as soon as the policy is set and goes on all along
            o.serverArgs.add("--confidant.lifecycle.purge-interval=1s");
        }
        if (o.sources < 1 || o.sources > 250) {
            throw new IllegalArgumentException("--sources is 1..250");
        }
        return o;
    }

    Map<String, Object> describe() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("db", db);
        p.put("scenarios", List.copyOf(scenarios));
        p.put("sources", sources);
        p.put("agents", agents);
        p.put("idleSockets", idleSockets);
        p.put("conversations", steadyConversations());
        p.put("rate", rate);
        p.put("visitorInterval", visitorInterval);
        p.put("warmup", warmup);
        p.put("duration", duration);
        p.put("stormSockets", stormSockets);
        p.put("stormMessages", stormMessages);
        p.put("saturationClients", saturationClients);
        p.put("saturationDuration", saturationDuration);
        p.put("purgeMessages", purgeMessages);
        p.put("crashConversations", crashConversations);
        p.put("crashRate", crashRate);
        p.put("crashAfter", crashAfter);
        p.put("serverMaxConnections", serverMaxConnections);
        p.put("jfr", jfr);
        p.put("serverArgs", serverArgs);
        p.put("serverJvmArgs", serverJvmArgs);
        p.put("jar", jar.toString());
        p.put("java", java.toString());
        return p;
    }
}
