package org.confidant.job;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A node of the kill tests in a JVM of its own: its output is copied to a log file and
 * read line by line, so that a test can wait for what the node says.
 */
public final class NodeProcess {

    public final Process process;

    /** Every line the node printed so far. */
    public final List<String> all = Collections.synchronizedList(new ArrayList<>());

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private final List<String> seen = new ArrayList<>();

    private final Duration timeout;

    public NodeProcess(Process process, Path log, Duration timeout) throws IOException {
        this.process = process;
        this.timeout = timeout;
        Files.deleteIfExists(log);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    all.add(line);
                    lines.add(line);
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    public String await(String prefix) throws InterruptedException {
        return awaitMatching(line -> line.startsWith(prefix));
    }

    public String awaitMatching(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
            else if (!process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        return fail("the node did not say what was awaited; its last lines: "
                + seen.subList(Math.max(0, seen.size() - 40), seen.size()));
    }

}
