package org.confidant.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.confidant.shared.WorkspaceId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What encryption adds to the message path: one encrypt when a message is stored, one
 * decrypt per read, for a typical 200-character message under a workspace's AES-256-GCM
 * key with its row-binding associated data. Run: see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FieldEncryptionBenchmark {

    private static final EncryptedColumn BODY = new EncryptedColumn("message", "body");

    private FieldEncryption encryption;

    private WorkspaceId workspace;

    private UUID row;

    private String text;

    private byte[] ciphertext;

    @Setup
    public void keys() throws IOException {
        Path folder = Files.createTempDirectory("confidant-bench-keys");
        CryptoSettings settings = new CryptoSettings(folder, folder.resolve("master-key.json"), "UNSET_MASTER_KEY",
                "UNSET_NEXT_MASTER_KEY", folder.resolve("ledger"));
        KeyFiles files = new KeyFiles(folder);
        encryption = new FieldEncryption(new KeyVault(files, MasterKeyRing.local(settings, Map.of(), files)));
        workspace = WorkspaceId.random();
        row = UUID.randomUUID();
        text = "Hello, my order 4711 has not arrived yet and the tracking page says it left the warehouse a week ago"
                + " - could you check what happened and whether you can send it again? Thanks a lot, Ada ...";
        ciphertext = encryption.encrypt(workspace, BODY, row, text);
    }

    @Benchmark
    public byte[] encrypt() {
        return encryption.encrypt(workspace, BODY, row, text);
    }

    @Benchmark
    public String decrypt() {
        return encryption.decrypt(workspace, BODY, row, ciphertext);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(FieldEncryptionBenchmark.class.getSimpleName()).build()).run();
    }

}
