package org.confidant;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real application on its own embedded data folder, for tests of first start,
 * restarts and keys (on the PostgreSQL run too: what they test is the data folder).
 */
public final class EmbeddedApplication {

    private EmbeddedApplication() {
    }

    public static ConfigurableApplicationContext start(Path dataDir, String... arguments) {
        return start(dataDir, List.of(), arguments);
    }

    /** Starts with extra configuration classes, as a plug-in jar would add them. */
    public static ConfigurableApplicationContext start(Path dataDir, List<Class<?>> extraConfiguration,
            String... arguments) {
        List<String> args = new ArrayList<>(
                List.of("--confidant.test.own-embedded-database=true", "--confidant.data-dir=" + dataDir));
        args.addAll(List.of(arguments));
        List<Class<?>> sources = new ArrayList<>(
                List.of(ConfidantApplication.class, IntegrationTestConfiguration.class));
        sources.addAll(extraConfiguration);
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

}
