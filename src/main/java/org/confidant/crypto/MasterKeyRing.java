package org.confidant.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.confidant.crypto.spi.MasterKey;

import com.google.crypto.tink.Aead;

/**
 * The master key in use, and during a rotation the next one too (each wrapped keyset
 * records which key wrapped it). Built once at start-up, where it also proves the key
 * right: the check file, written under the master key the first time, must decrypt. A
 * missing, wrong or corrupt key stops the start with a message; nothing has been written
 * then.
 */
final class MasterKeyRing {

    static final String FILE_SOURCE = "file";

    private static final byte[] CHECK_PLAINTEXT = "confidant master key check".getBytes(StandardCharsets.UTF_8);

    private static final byte[] CHECK_CONTEXT = "confidant:master-key-check".getBytes(StandardCharsets.UTF_8);

    private volatile MasterKey current;

    private volatile MasterKey next;

    private final Map<String, MasterKey> byId = new ConcurrentHashMap<>();

    private final String source;

    private final String origin;

    private MasterKeyRing(MasterKey current, MasterKey next, String source, String origin) {
        this.current = current;
        this.next = next;
        this.source = source;
        this.origin = origin;
        byId.put(current.id(), current);
        if (next != null) {
            byId.put(next.id(), next);
        }
    }

    /**
     * The local master key: from the environment variable when it is set, otherwise from
     * the key file, which the very first start creates (owner-only). A missing file is
     * fatal once the vault holds any keyset.
     */
    static MasterKeyRing local(CryptoSettings settings, Map<String, String> environment, KeyFiles files) {
        String fromEnvironment = environment.get(settings.masterKeyEnvironment());
        String nextFromEnvironment = environment.get(settings.nextMasterKeyEnvironment());
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            MasterKey current = LocalMasterKey.parse(fromEnvironment, "$" + settings.masterKeyEnvironment());
            MasterKey next = nextFromEnvironment == null || nextFromEnvironment.isBlank() ? null
                    : LocalMasterKey.parse(nextFromEnvironment, "$" + settings.nextMasterKeyEnvironment());
            return checked(new MasterKeyRing(current, next, "environment", "$" + settings.masterKeyEnvironment()),
                    files);
        }
        Path file = settings.masterKeyFile();
        if (!Files.exists(file)) {
            if (files.anyKeyMaterial()) {
                throw new MasterKeyException("The master key file " + file + " is missing, but the key vault "
                        + settings.keysDirectory() + " holds keys it wrapped. Restore the master key file (or set $"
                        + settings.masterKeyEnvironment() + "); Confidant will not start without it.");
            }
            files.writeSecret(file, LocalMasterKey.generate().toJson());
        }
        MasterKey current = LocalMasterKey.parse(read(file), file.toString());
        Path nextFile = nextKeyFile(file);
        MasterKey next = Files.exists(nextFile) ? LocalMasterKey.parse(read(nextFile), nextFile.toString()) : null;
        return checked(new MasterKeyRing(current, next, FILE_SOURCE, file.toString()), files);
    }

    /** A master key from the KMS SPI. */
    static MasterKeyRing external(MasterKey kms, KeyFiles files) {
        return checked(new MasterKeyRing(kms, null, "kms", "the KMS key " + kms.id()), files);
    }

    static Path nextKeyFile(Path masterKeyFile) {
        return masterKeyFile.resolveSibling(masterKeyFile.getFileName() + ".next");
    }

    MasterKey current() {
        return current;
    }

    /**
     * The next master key of a rotation that has begun (the key file's {@code .next}, or
     * the "next" variable).
     */
    Optional<MasterKey> next() {
        return Optional.ofNullable(next);
    }

    /**
     * The last step of a rotation: {@code next} wraps from now on; the old key stays
     * known until restart.
     */
    synchronized void rotatedTo(MasterKey rotated) {
        byId.put(rotated.id(), rotated);
        current = rotated;
        next = null;
    }

    String source() {
        return source;
    }

    Optional<MasterKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Writes the check file under a master key (first start, or the last step of a
     * rotation).
     */
    static void writeCheck(MasterKey key, KeyFiles files) {
        try {
            files.writeCheck(key.id(), key.aead().encrypt(CHECK_PLAINTEXT, CHECK_CONTEXT));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the master key check", e);
        }
    }

    private static MasterKeyRing checked(MasterKeyRing ring, KeyFiles files) {
        Optional<KeyFiles.Check> check = files.readCheck();
        if (check.isEmpty()) {
            if (files.anyKeyMaterial()) {
                throw new MasterKeyException("The key vault has no master key check file; it is damaged. Restore "
                        + "the keys folder from its backup.");
            }
            writeCheck(ring.current, files);
            return ring;
        }
        MasterKey key = ring.byId(check.get().masterKeyId()).orElse(ring.current);
        try {
            Aead aead = key.aead();
            if (!Arrays.equals(aead.decrypt(check.get().ciphertext(), CHECK_CONTEXT), CHECK_PLAINTEXT)) {
                throw new GeneralSecurityException("check mismatch");
            }
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw new MasterKeyException("The master key in " + ring.origin + " is not the key this data was "
                    + "encrypted under: it does not open the key vault's check. Use the right master key.");
        }
        return ring;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new MasterKeyException("The master key file " + file + " cannot be read: " + e.getMessage());
        }
    }

}
