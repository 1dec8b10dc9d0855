package org.confidant.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Confidant itself, as a child process: {@code java -jar confidant.jar} on a free loopback port, with its data folder
 * (H2) or a PostgreSQL database. Its output goes to a log file in the run directory; its pid to {@code server.pid}
 * so that bench/run can end it even if the harness dies.
 */
final class ServerProcess {

    private static final Pattern SETUP_LINK = Pattern.compile("http://(?:localhost|127\\.0\\.0\\.1):\\d+/setup\\?token=([A-Za-z0-9_-]{43})");

    private final Options options;
    private final Path dataDir;
    private final Map<String, String> database;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final int port;
    private Process process;
    private Path log;
    private int starts;

    ServerProcess(Options options, Map<String, String> database) throws IOException {
        this.options = options;
        this.dataDir = options.runDir.resolve("data");
        Files.createDirectories(dataDir);
        this.database = database;
        this.port = freePort();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Launches the server and returns the launch instant (System.nanoTime). */
    long launch() throws IOException {
        starts++;
        log = options.runDir.resolve("server-" + starts + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(options.java.toString());
        cmd.addAll(options.serverJvmArgs);
        cmd.add("-jar");
        cmd.add(options.jar.toString());
        cmd.add("--server.port=" + port);
        if (options.serverMaxConnections > 0) {
            cmd.add("--server.tomcat.max-connections=" + options.serverMaxConnections);
        }
        // thousands of simulated visitors share eight loopback addresses and write faster than people do: the
        // budgets meant for a public site would measure the rate limiter, not the chat
        for (String budget : List.of("widget-sessions-per-address", "conversations-per-address",
                "messages-per-visitor", "messages-per-socket")) {
            cmd.add("--confidant.rate-limits." + budget + "=100000000/1s");
        }
        cmd.addAll(options.serverArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .directory(options.runDir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("CONFIDANT_"));
        env.put("CONFIDANT_DATA_DIR", dataDir.toString());
        env.putAll(database);
        Files.writeString(log, "# " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8);
        long launched = System.nanoTime();
        process = pb.start();
        Files.writeString(options.runDir.resolve("server.pid"), Long.toString(process.pid()));
        return launched;
    }

    /** Waits for {"status":"UP"}; returns the instant it answered (System.nanoTime). */
    long awaitHealthy(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return System.nanoTime();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the server was not healthy within " + limit + "; see " + log);
    }

    /** The token of the last setup link the server printed, waiting for it a little. */
    String setupToken(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = SETUP_LINK.matcher(Files.readString(log, StandardCharsets.UTF_8));
            String token = null;
            while (m.find()) {
                token = m.group(1);
            }
            if (token != null) {
                return token;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no setup link in " + log);
    }

    long rssKb() {
        return Proc.rssKb(pid());
    }

    long cpuNanos() {
        return Proc.cpuNanos(pid());
    }

    /** Runs {@code jcmd <pid> args...} with the server's own JDK and returns its output. */
    String jcmd(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(options.java.resolveSibling("jcmd").toString());
        cmd.add(Long.toString(pid()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd timed out");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** kill -9: no shutdown hook, no graceful close, nothing flushed that was not already. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (graceful shutdown), then SIGKILL if it takes longer than 30 s. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
