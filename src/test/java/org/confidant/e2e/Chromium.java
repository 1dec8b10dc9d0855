package org.confidant.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium for browser tests, through Selenium: the binary and its
 * driver come from {@code
 * CONFIDANT_CHROMIUM} and {@code CONFIDANT_CHROMEDRIVER} (defaults
 * {@code /usr/bin/chromium}, {@code
 * /usr/bin/chromedriver}); each browser gets a fresh profile folder of its own, removed
 * when it quits, and keeps its console's messages for {@link #severeConsoleEntries}.
 */
public final class Chromium {

    public static final String BINARY = env("CONFIDANT_CHROMIUM", "/usr/bin/chromium");

    public static final String DRIVER = env("CONFIDANT_CHROMEDRIVER", "/usr/bin/chromedriver");

    private Chromium() {
    }

    /**
     * Fails (in a {@code @BeforeAll}) with what to install when the browser or its driver
     * is missing.
     */
    public static void requireInstalled() {
        if (!Files.isExecutable(Path.of(BINARY)) || !Files.isExecutable(Path.of(DRIVER))) {
            fail("No Chromium at " + BINARY + " or no chromedriver at " + DRIVER
                    + ": apt-get install chromium chromium-driver, or set CONFIDANT_CHROMIUM / CONFIDANT_CHROMEDRIVER");
        }
    }

    /**
     * A headless Chromium with a fresh profile and these further arguments; {@link #quit}
     * ends it.
     */
    public static ChromeDriver launch(String... arguments) {
        Path profile;
        try {
            profile = Files.createTempDirectory("confidant-chromium-");
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> all = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        all.addAll(List.of(arguments));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments(all);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .build();
        try {
            return new ProfiledChromeDriver(service, options, profile);
        }
        catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    /**
     * The errors the browser's console reported so far (failed requests, script errors,
     * CSP violations).
     */
    public static List<String> severeConsoleEntries(ChromeDriver driver) {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        }
        return severe;
    }

    /** Ends the browser and removes its profile. */
    public static void quit(ChromeDriver driver) {
        try {
            driver.quit();
        }
        finally {
            if (driver instanceof ProfiledChromeDriver profiled) {
                delete(profiled.profile);
            }
        }
    }

    private static void delete(Path profile) {
        for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
            catch (IOException e) {
                // Chromium may still be writing; try again
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A driver that remembers its profile folder. */
    private static final class ProfiledChromeDriver extends ChromeDriver {

        private final Path profile;

        ProfiledChromeDriver(ChromeDriverService service, ChromeOptions options, Path profile) {
            super(service, options);
            this.profile = profile;
        }

    }

}
