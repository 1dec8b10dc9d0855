package org.confidant.bench;

import java.time.Duration;

/**
 * start-up: seconds from launching {@code java -jar} on a fresh database to {@code /actuator/health} answering UP,
 * and the resident memory of the idle server once the workspace exists.
 */
final class StartupScenario {

    private final Bench bench;

    StartupScenario(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Bench.log("---- startup ----");
        long launched = bench.server.launch();
        long healthy = bench.server.awaitHealthy(Duration.ofSeconds(120));
        double seconds = (healthy - launched) / 1e9;
        String token = bench.server.setupToken(Duration.ofSeconds(30));
        int members = Math.max(1, Math.min(bench.options.agents, 4));
        bench.workspace = Workspace.create(bench.server.base(), token, members);
        Bench.log("workspace set up: inbox " + bench.workspace.inbox + ", " + members + " member(s) signed in");
        // idle: no sockets, nothing to do; give the JVM the few seconds a real start would have before traffic
        Bench.sleep(Duration.ofSeconds(5));
        long rss = bench.server.rssKb();
        if (bench.options.scenarios.contains("startup")) {
            bench.results.add("startup.health_up", seconds, "s");
            bench.results.add("startup.idle_rss", rss / 1024.0, "MB");
        }
    }
}
