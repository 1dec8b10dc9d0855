package org.confidant.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.FieldEncryption;
import org.confidant.shared.WorkspaceId;
import org.springframework.stereotype.Component;

/**
 * Where exports are kept while they last: one folder per export under
 * {@code confidant.lifecycle.exports-directory}, holding the parts its job's steps wrote,
 * each encrypted under the workspace's key and bound to its export and name (so a part
 * moved to another export, or a shredded workspace's, does not decrypt). A part is
 * written aside and moved into place, and a step that runs again writes the same name
 * again, so a step's files are idempotent as the job contract asks.
 */
@Component
class ExportFiles {

    private static final EncryptedColumn PART = new EncryptedColumn("data_export", "part");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,150}");

    private final Path root;

    private final FieldEncryption encryption;

    ExportFiles(LifecycleSettings settings, FieldEncryption encryption) {
        this.root = settings.exportsDirectory().toAbsolutePath().normalize();
        this.encryption = encryption;
    }

    /** Writes (or writes again) a part of the export. */
    void write(WorkspaceId workspace, UUID export, String name, byte[] content) {
        Path folder = folder(workspace, export);
        Path target = folder.resolve(checked(name));
        try {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, ".partial-", ".tmp");
            try {
                Files.write(partial, encryption.encryptBytes(workspace, PART, export + "/" + name, content));
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            finally {
                Files.deleteIfExists(partial);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write a part of export " + export, e);
        }
    }

    /** A part, decrypted. */
    byte[] read(WorkspaceId workspace, UUID export, String name) {
        try {
            return encryption.decryptBytes(workspace, PART, export + "/" + name,
                    Files.readAllBytes(folder(workspace, export).resolve(checked(name))));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read a part of export " + export, e);
        }
    }

    /** The export's parts whose names start with {@code prefix}, in name order. */
    List<String> names(WorkspaceId workspace, UUID export, String prefix) {
        Path folder = folder(workspace, export);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                .filter(n -> n.startsWith(prefix) && NAME.matcher(n).matches())
                .sorted()
                .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list export " + export, e);
        }
    }

    /** Deletes the export's parts. */
    void delete(WorkspaceId workspace, UUID export) {
        deleteTree(folder(workspace, export));
    }

    /** Deletes every export of the workspace. */
    void deleteWorkspace(WorkspaceId workspace) {
        deleteTree(root.resolve(workspace.toString()));
    }

    private Path folder(WorkspaceId workspace, UUID export) {
        return root.resolve(workspace.toString()).resolve(export.toString());
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an export part name: " + name);
        }
        return name;
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

}
