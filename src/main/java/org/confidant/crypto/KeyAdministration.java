package org.confidant.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.confidant.crypto.spi.MasterKey;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.CrossWorkspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;

import com.google.crypto.tink.KeysetHandle;

/**
 * Rotation, status and crypto-shredding: what an operator does with keys.
 *
 * <p>
 * <b>Rotation and shredding.</b> {@link org.confidant.crypto.KeyAdministration} re-wraps
 * every workspace's keys under a new master key (no data is rewritten), adds a new
 * primary key to a workspace's data keyset (old data stays readable; an optional
 * re-encryption moves it to the new key), reports which keys protect how many records,
 * and destroys a workspace's keys (crypto-shredding), which makes every copy of its data
 * unreadable, backups included. Modules that store ciphertexts take part in re-encryption
 * and status by implementing {@link org.confidant.crypto.EncryptedRecords}.
 */
@NamedInterface("api")
@Service
public class KeyAdministration {

    private static final Logger log = LoggerFactory.getLogger(KeyAdministration.class);

    /**
     * One data key of a workspace and how many records it protects, per kind of record.
     */
    public record KeyUsage(long keyId, boolean primary, Map<String, Long> records) {
    }

    public record WorkspaceStatus(WorkspaceId workspace, String masterKeyId, List<KeyUsage> dataKeys) {
    }

    private final KeyVault vault;

    private final KeyFiles files;

    private final MasterKeyRing masterKeys;

    private final CryptoSettings settings;

    private final FieldEncryption encryption;

    private final ObjectProvider<EncryptedRecords> records;

    private final ApplicationEventPublisher events;

    private final ErasureLedger ledger;

    KeyAdministration(KeyVault vault, KeyFiles files, MasterKeyRing masterKeys, CryptoSettings settings,
            FieldEncryption encryption, ObjectProvider<EncryptedRecords> records, ApplicationEventPublisher events,
            ErasureLedger ledger) {
        this.events = events;
        this.ledger = ledger;
        this.vault = vault;
        this.files = files;
        this.masterKeys = masterKeys;
        this.settings = settings;
        this.encryption = encryption;
        this.records = records;
    }

    /**
     * Re-wraps every workspace's keys (and the deployment's) under a new master key; no
     * record is rewritten. With the key file, the new key is generated and replaces the
     * file at the end; with an environment key, the new key must be in the "next"
     * variable (then swap the variables); with a KMS, keys are re-wrapped under the KMS
     * key's current version. Returns the number of workspaces re-wrapped.
     */
    public synchronized int rotateMasterKey() {
        MasterKey next = switch (masterKeys.source()) {
            case MasterKeyRing.FILE_SOURCE -> nextFileKey();
            case "environment" -> masterKeys.next()
                .orElseThrow(() -> new MasterKeyException("Set $" + settings.nextMasterKeyEnvironment()
                        + " to the new master key to rotate a master key held in $" + settings.masterKeyEnvironment()
                        + "."));
            default -> masterKeys.current();
        };
        List<WorkspaceId> workspaces = vault.workspaces();
        for (WorkspaceId workspace : workspaces) {
            vault.rewrap(workspace, next);
        }
        vault.rewrapDeployment(next);
        MasterKeyRing.writeCheck(next, files);
        if (masterKeys.source().equals(MasterKeyRing.FILE_SOURCE)) {
            files.promote(MasterKeyRing.nextKeyFile(settings.masterKeyFile()), settings.masterKeyFile());
        }
        masterKeys.rotatedTo(next);
        workspaces
            .forEach(workspace -> events.publishEvent(new KeyRotated(workspace, KeyRotated.Kind.MASTER, next.id())));
        log.info("master key rotated to {}: {} workspace keysets re-wrapped", next.id(), workspaces.size());
        return workspaces.size();
    }

    /**
     * Makes a new data key primary for the workspace: new writes use it, old records stay
     * readable.
     */
    public long rotateDataKey(WorkspaceId workspace) {
        long primary = Integer.toUnsignedLong(vault.rotateDataKey(workspace).dataKeyset().getPrimary().getId());
        events.publishEvent(new KeyRotated(workspace, KeyRotated.Kind.DATA, Long.toString(primary)));
        return primary;
    }

    /**
     * Re-encrypts the workspace's records that are not under its primary key; reports
     * progress per kind.
     */
    public long reencrypt(WorkspaceId workspace, Consumer<String> progress) {
        long primary = encryption.primaryKeyId(workspace);
        EncryptedRecords.Reencryption reencryption = new EncryptedRecords.Reencryption() {
            @Override
            public boolean isUnderPrimaryKey(byte[] ciphertext) {
                return FieldEncryption.keyIdOf(ciphertext) == primary;
            }

            @Override
            public byte[] apply(EncryptedColumn column, String rowId, byte[] ciphertext) {
                return encryption.encrypt(workspace, column, rowId,
                        encryption.decrypt(workspace, column, rowId, ciphertext));
            }
        };
        long total = 0;
        for (EncryptedRecords kind : records.orderedStream().toList()) {
            long done = kind.reencrypt(workspace, reencryption);
            progress.accept(kind.name() + ": " + done + " re-encrypted");
            total += done;
        }
        return total;
    }

    @CrossWorkspace("key administration reports on every workspace")
    public List<WorkspaceStatus> status() {
        List<WorkspaceStatus> statuses = new ArrayList<>();
        for (WorkspaceId workspace : vault.workspaces()) {
            KeysetHandle keyset = vault.existingKeysFor(workspace).dataKeyset();
            Map<Long, Map<String, Long>> counts = new TreeMap<>();
            for (int i = 0; i < keyset.size(); i++) {
                counts.put(Integer.toUnsignedLong(keyset.getAt(i).getId()), new LinkedHashMap<>());
            }
            for (EncryptedRecords kind : records.orderedStream().toList()) {
                kind.countByKeyId(workspace)
                    .forEach((keyId, count) -> counts.computeIfAbsent(keyId, k -> new LinkedHashMap<>())
                        .put(kind.name(), count));
            }
            long primary = Integer.toUnsignedLong(keyset.getPrimary().getId());
            List<KeyUsage> usage = counts.entrySet()
                .stream()
                .map(e -> new KeyUsage(e.getKey(), e.getKey() == primary, e.getValue()))
                .toList();
            statuses
                .add(new WorkspaceStatus(workspace, files.readWorkspace(workspace).orElseThrow().masterKeyId(), usage));
        }
        return statuses;
    }

    /**
     * Destroys the workspace's keys (crypto-shredding): every ciphertext of the
     * workspace, in the database and in every backup of it, becomes unreadable for good.
     * The final step of deleting a workspace. The erasure ledger records it first, so a
     * restored copy of the key vault loses the keys again at the next start.
     */
    public void shred(WorkspaceId workspace, String receipt) {
        ledger.recordShredding(workspace, receipt);
        vault.shred(workspace);
        log.warn("keys of workspace {} destroyed: its data can no longer be decrypted anywhere", workspace);
    }

    /**
     * The key of a rotation that was interrupted, or a new one; on disk before anything
     * is wrapped under it.
     */
    private MasterKey nextFileKey() {
        return masterKeys.next().orElseGet(() -> {
            LocalMasterKey next = LocalMasterKey.generate();
            files.writeSecret(MasterKeyRing.nextKeyFile(settings.masterKeyFile()), next.toJson());
            return next;
        });
    }

}
