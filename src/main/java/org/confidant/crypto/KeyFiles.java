package org.confidant.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.confidant.shared.WorkspaceId;

/**
 * The key vault on disk: {@code master-key.check}, {@code deployment.keys} (the
 * deployment's own keyset, wrapped by the master key), {@code signing.keys} (the
 * deployment's Ed25519 signing keyset, wrapped the same way), and per workspace
 * {@code workspaces/<id>.keys} (its keysets, wrapped by the master key) or, once
 * shredded, {@code workspaces/<id>.shredded}. Folders are owner-only (0700), files
 * owner-read/write only (0600), and every write is a write-then-atomic-rename, so a crash
 * leaves the old file or the new one, never half of one.
 */
final class KeyFiles {

    /** A workspace's wrapped keysets and the master key that wrapped them. */
    record WrappedKeys(String masterKeyId, byte[] dataKeyset, byte[] indexKeyset) {
    }

    record Check(String masterKeyId, byte[] ciphertext) {
    }

    /**
     * The deployment's own keyset (for secrets of accounts, which span workspaces) and
     * the master key that wrapped it.
     */
    record WrappedKeyset(String masterKeyId, byte[] keyset) {
    }

    private final Path directory;

    KeyFiles(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    Path directory() {
        return directory;
    }

    boolean anyKeyMaterial() {
        return Files.exists(checkFile()) || Files.exists(deploymentFile()) || Files.exists(signingFile())
                || !listWorkspaces().isEmpty();
    }

    Optional<Check> readCheck() {
        return readProperties(checkFile()).map(p -> new Check(p.getProperty("masterKeyId"), decode(p, "ciphertext")));
    }

    void writeCheck(String masterKeyId, byte[] ciphertext) {
        Properties p = new Properties();
        p.setProperty("masterKeyId", masterKeyId);
        p.setProperty("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        writeSecret(checkFile(), format(p));
    }

    Optional<WrappedKeys> readWorkspace(WorkspaceId workspace) {
        return readProperties(workspaceFile(workspace))
            .map(p -> new WrappedKeys(p.getProperty("masterKeyId"), decode(p, "dataKeyset"), decode(p, "indexKeyset")));
    }

    /**
     * Writes a new workspace's keys; fails if another writer (another node) created them
     * first.
     */
    void createWorkspace(WorkspaceId workspace, WrappedKeys keys) throws FileAlreadyExistsException {
        createExclusively(workspaceFile(workspace), format(properties(workspace, keys)));
    }

    private void createExclusively(Path file, String content) throws FileAlreadyExistsException {
        createDirectories(file.getParent());
        Path temporary = writeTemporary(file, content);
        try {
            Files.createLink(file, temporary); // fails if the file exists: creation is
                                               // atomic and exclusive
        }
        catch (FileAlreadyExistsException e) {
            throw e;
        }
        catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot create " + file, e);
        }
        finally {
            deleteQuietly(temporary);
        }
    }

    /** Replaces a workspace's keys (after a rotation or a re-wrap). */
    void replaceWorkspace(WorkspaceId workspace, WrappedKeys keys) {
        writeSecret(workspaceFile(workspace), format(properties(workspace, keys)));
    }

    private static Properties properties(WorkspaceId workspace, WrappedKeys keys) {
        Properties p = new Properties();
        p.setProperty("workspace", workspace.toString());
        p.setProperty("masterKeyId", keys.masterKeyId());
        p.setProperty("dataKeyset", Base64.getEncoder().encodeToString(keys.dataKeyset()));
        p.setProperty("indexKeyset", Base64.getEncoder().encodeToString(keys.indexKeyset()));
        return p;
    }

    Optional<WrappedKeyset> readDeployment() {
        return readProperties(deploymentFile())
            .map(p -> new WrappedKeyset(p.getProperty("masterKeyId"), decode(p, "dataKeyset")));
    }

    /**
     * Writes the deployment's keyset; fails if another writer (another node) created it
     * first.
     */
    void createDeployment(WrappedKeyset keyset) throws FileAlreadyExistsException {
        createExclusively(deploymentFile(), format(properties(keyset)));
    }

    /** Replaces the deployment's keyset (after a master key rotation). */
    void replaceDeployment(WrappedKeyset keyset) {
        writeSecret(deploymentFile(), format(properties(keyset)));
    }

    private static Properties properties(WrappedKeyset keyset) {
        Properties p = new Properties();
        p.setProperty("masterKeyId", keyset.masterKeyId());
        p.setProperty("dataKeyset", Base64.getEncoder().encodeToString(keyset.keyset()));
        return p;
    }

    Optional<WrappedKeyset> readSigning() {
        return readProperties(signingFile())
            .map(p -> new WrappedKeyset(p.getProperty("masterKeyId"), decode(p, "dataKeyset")));
    }

    /**
     * Writes the deployment's signing keyset; fails if another writer (another node)
     * created it first.
     */
    void createSigning(WrappedKeyset keyset) throws FileAlreadyExistsException {
        createExclusively(signingFile(), format(properties(keyset)));
    }

    /** Replaces the signing keyset (after a master key rotation). */
    void replaceSigning(WrappedKeyset keyset) {
        writeSecret(signingFile(), format(properties(keyset)));
    }

    boolean isShredded(WorkspaceId workspace) {
        return Files.exists(shreddedFile(workspace));
    }

    /**
     * Destroys the workspace's keys: the marker first (no key is ever made again), then
     * the keys.
     */
    void shred(WorkspaceId workspace) {
        writeSecret(shreddedFile(workspace), "workspace=" + workspace + "\n");
        deleteQuietly(workspaceFile(workspace));
        if (Files.exists(workspaceFile(workspace))) {
            throw new IllegalStateException("could not delete the keys of workspace " + workspace);
        }
    }

    List<WorkspaceId> listWorkspaces() {
        Path folder = directory.resolve("workspaces");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<WorkspaceId> workspaces = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(".keys"))
                .forEach(n -> workspaces.add(new WorkspaceId(UUID.fromString(n.substring(0, n.length() - 5)))));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return workspaces;
    }

    /**
     * Replaces {@code target} by {@code source} in one atomic rename (the last step of a
     * master key rotation).
     */
    void promote(Path source, Path target) {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot move " + source + " to " + target, e);
        }
    }

    /** Writes a secret file: owner-only folder and file, write-then-rename. */
    void writeSecret(Path file, String content) {
        createDirectories(file.toAbsolutePath().getParent());
        Path temporary = writeTemporary(file, content);
        try {
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Path writeTemporary(Path file, String content) {
        try {
            Path temporary = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.createFile(temporary, ownerOnly(false));
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            return temporary;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write next to " + file, e);
        }
    }

    private static void createDirectories(Path folder) {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, ownerOnly(true));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(boolean folder) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] { PosixFilePermissions
            .asFileAttribute(PosixFilePermissions.fromString(folder ? "rwx------" : "rw-------")) };
    }

    private Path checkFile() {
        return directory.resolve("master-key.check");
    }

    private Path deploymentFile() {
        return directory.resolve("deployment.keys");
    }

    private Path signingFile() {
        return directory.resolve("signing.keys");
    }

    private Path workspaceFile(WorkspaceId workspace) {
        return directory.resolve("workspaces").resolve(workspace + ".keys");
    }

    private Path shreddedFile(WorkspaceId workspace) {
        return directory.resolve("workspaces").resolve(workspace + ".shredded");
    }

    private static Optional<Properties> readProperties(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(reader);
            return Optional.of(p);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static byte[] decode(Properties p, String name) {
        String value = p.getProperty(name);
        if (value == null) {
            throw new IntegrityException("key file entry " + name + " is missing", null);
        }
        return Base64.getDecoder().decode(value);
    }

    private static String format(Properties p) {
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ignored) {
            // left for the operator; never holds more than the file it was copied to
        }
    }

}
