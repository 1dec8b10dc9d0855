package org.confidant.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.confidant.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.NamedInterface;

import tools.jackson.databind.json.JsonMapper;

/**
 * The erasure ledger: what was erased, kept beside the key vault and not in the database,
 * so that restoring an old database (or an old copy of the key vault) never brings an
 * erased person or a shredded workspace back. One file per entry in its folder
 * ({@code confidant.crypto.ledger-directory}, {@code keys/ledger} by default), each
 * encrypted under the deployment's key (AES-256-GCM, bound to its file name), holding ids
 * and blind digests only: which contacts of which workspace were erased (with the keyed
 * digests of the emails asked for), and which workspaces' keys were shredded.
 *
 * <p>
 * Entries are only ever added, each in a file of its own, so two ledgers merge by taking
 * the union of their files ({@link #merge}) and a merge never rolls one back. At every
 * start, before the database is migrated, shredded workspaces whose keys a restored vault
 * brought back lose them again; the modules that own erased rows re-apply the contact
 * entries before the application serves anything (the lifecycle module does).
 */
@NamedInterface("api")
public final class ErasureLedger {

    private static final Logger log = LoggerFactory.getLogger(ErasureLedger.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern FILE_NAME = Pattern.compile("[0-9]{13}-[0-9a-f-]{36}\\.entry");

    /** What an entry records. */
    public enum Kind {

        /** Contacts of a workspace were erased, with everything they wrote. */
        CONTACTS,

        /** A workspace's keys were shredded and its rows deleted. */
        WORKSPACE

    }

    /**
     * One erasure.
     *
     * @param id the entry's id (its file name without the extension)
     * @param at when it happened
     * @param ids the erased contacts' ids (empty for a workspace)
     * @param digests hex blind digests of what was asked for (an email's keyed index)
     * @param receipt the id of the receipt that was signed for it, or empty
     */
    public record Entry(String id, Instant at, Kind kind, WorkspaceId workspaceId, List<String> ids,
            List<String> digests, String receipt) {

        public Entry {
            ids = List.copyOf(ids);
            digests = List.copyOf(digests);
            receipt = receipt == null ? "" : receipt;
        }
    }

    /** The stored form of an entry. */
    private record Stored(String at, String kind, String workspace, List<String> ids, List<String> digests,
            String receipt) {
    }

    private final Path directory;

    private final KeyVault vault;

    private final Clock clock;

    ErasureLedger(Path directory, KeyVault vault, Clock clock) {
        this.directory = directory.toAbsolutePath().normalize();
        this.vault = vault;
        this.clock = clock;
    }

    /** Where the ledger's files are. */
    public Path directory() {
        return directory;
    }

    /**
     * Records an erasure of contacts of a workspace; the entry is on disk when this
     * returns.
     */
    public Entry recordErasure(WorkspaceId workspace, List<String> contactIds, List<String> digests, String receipt) {
        return append(new Stored(clock.instant().toString(), Kind.CONTACTS.name(), workspace.toString(),
                List.copyOf(contactIds), List.copyOf(digests), receipt == null ? "" : receipt));
    }

    /** Records that a workspace's keys were shredded and its rows deleted. */
    public Entry recordShredding(WorkspaceId workspace, String receipt) {
        return append(new Stored(clock.instant().toString(), Kind.WORKSPACE.name(), workspace.toString(), List.of(),
                List.of(), receipt == null ? "" : receipt));
    }

    /**
     * Every entry, oldest first.
     * @throws IntegrityException when an entry does not decrypt (tampered, or written
     * under another deployment's key): a ledger that cannot be read is never ignored
     */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Path file : files(directory)) {
            entries.add(read(file));
        }
        entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::id));
        return entries;
    }

    /**
     * Adds the entries of another copy of the ledger (a backup's, another node's) that
     * this one lacks; never removes one. Each is read first, so a file that is not an
     * entry of this deployment is refused. Returns how many were added.
     */
    public int merge(Path otherDirectory) {
        int added = 0;
        for (Path file : files(otherDirectory.toAbsolutePath().normalize())) {
            Path target = directory.resolve(file.getFileName().toString());
            if (Files.exists(target)) {
                continue;
            }
            Entry entry = read(file);
            try {
                write(target.getFileName().toString(), Files.readString(file, StandardCharsets.US_ASCII));
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            log.info("Erasure ledger: merged entry {} ({} of workspace {})", entry.id(), entry.kind(),
                    entry.workspaceId());
            added++;
        }
        return added;
    }

    /**
     * Shreds again the keys of every workspace the ledger says were shredded, should a
     * restored key vault hold them (and writes the marker that stops new ones being
     * made). Runs at every start, before the database is touched.
     */
    void reshredWorkspaces(KeyFiles files) {
        for (Entry entry : entries()) {
            if (entry.kind() == Kind.WORKSPACE
                    && (vault.holdsKeysOf(entry.workspaceId()) || !files.isShredded(entry.workspaceId()))) {
                vault.shred(entry.workspaceId());
                log.warn("Erasure ledger: the keys of workspace {}, shredded on {}, were in the key vault again (a "
                        + "restored copy?) and were destroyed again", entry.workspaceId(), entry.at());
            }
        }
    }

    private Entry append(Stored stored) {
        String id = String.format("%013d", Instant.parse(stored.at()).toEpochMilli()) + "-" + UUID.randomUUID();
        String name = id + ".entry";
        try {
            byte[] ciphertext = vault.deploymentKeys().data().encrypt(JSON.writeValueAsBytes(stored), context(name));
            write(name, Base64.getEncoder().encodeToString(ciphertext));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt an erasure ledger entry", e);
        }
        return entry(id, stored);
    }

    private void write(String name, String content) {
        new KeyFiles(directory).writeSecret(directory.resolve(name), content);
    }

    private Entry read(Path file) {
        String name = file.getFileName().toString();
        try {
            byte[] ciphertext = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            Stored stored = JSON.readValue(vault.deploymentKeys().data().decrypt(ciphertext, context(name)),
                    Stored.class);
            return entry(name.substring(0, name.length() - ".entry".length()), stored);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the erasure ledger entry " + file, e);
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw new IntegrityException("the erasure ledger entry " + file + " does not decrypt under this "
                    + "deployment's key: restore it from its copy, or move it away knowingly", e);
        }
    }

    private static Entry entry(String id, Stored stored) {
        return new Entry(id, Instant.parse(stored.at()), Kind.valueOf(stored.kind()),
                WorkspaceId.of(stored.workspace()), Objects.requireNonNullElse(stored.ids(), List.of()),
                Objects.requireNonNullElse(stored.digests(), List.of()), stored.receipt());
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.filter(f -> FILE_NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static byte[] context(String name) {
        return ("confidant:erasure-ledger:v1|" + name).getBytes(StandardCharsets.UTF_8);
    }

}
