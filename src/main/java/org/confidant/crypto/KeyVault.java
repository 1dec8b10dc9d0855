package org.confidant.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.confidant.crypto.spi.MasterKey;
import org.confidant.shared.WorkspaceId;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfSet;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PublicKey;

/**
 * Each workspace's keysets, and the deployment's own keyset: made on first use, kept
 * wrapped by the master key in {@link KeyFiles}, cached unwrapped in memory. A shredded
 * workspace never gets keys again.
 *
 * <p>
 * <b>Hierarchy.</b> A <em>master key</em> (a Tink AES-256-GCM keyset) comes from a key
 * file that the first start creates with owner-only permissions, from an environment
 * variable, or from a KMS through the {@link org.confidant.crypto.spi.MasterKey} SPI. It
 * never encrypts data: it only wraps each workspace's keys. Every workspace has its own
 * <em>data keyset</em> (AES-256-GCM, for field encryption) and <em>index keyset</em>
 * (HMAC-SHA256 PRF, for blind indexes), kept in the key vault (one file per workspace in
 * the keys folder), wrapped by the master key with the workspace id as associated data.
 * The database holds no key material at all, so a copy of the database (a backup) is
 * useless without the vault and the master key.
 */
final class KeyVault {

    static {
        TinkPrimitives.ensureRegistered();
    }

    private static final byte[] DEPLOYMENT_CONTEXT = "confidant:deployment-keys:data".getBytes(StandardCharsets.UTF_8);

    private static final byte[] SIGNING_CONTEXT = "confidant:deployment-keys:signing".getBytes(StandardCharsets.UTF_8);

    /** A workspace's usable keys. {@code dataKeyset} is kept for rotation and status. */
    record WorkspaceKeys(KeysetHandle dataKeyset, Aead data, KeysetHandle indexKeyset, PrfSet index) {
    }

    private final KeyFiles files;

    private final MasterKeyRing masterKeys;

    private final Map<WorkspaceId, WorkspaceKeys> cache = new ConcurrentHashMap<>();

    private volatile DeploymentKeys deploymentKeys;

    /**
     * The deployment's own AES-256-GCM keyset, for the secrets of accounts (which belong
     * to no single workspace).
     */
    record DeploymentKeys(KeysetHandle keyset, Aead data) {
    }

    private volatile SigningKeys signingKeys;

    /**
     * The deployment's Ed25519 signing keyset (plain Ed25519 signatures, no Tink prefix,
     * so that any Ed25519 implementation verifies them), with its public key.
     */
    record SigningKeys(KeysetHandle keyset, PublicKeySign signer, PublicKeyVerify verifier,
            Ed25519PublicKey publicKey) {
    }

    KeyVault(KeyFiles files, MasterKeyRing masterKeys) {
        this.files = files;
        this.masterKeys = masterKeys;
    }

    /**
     * The workspace's keys, made now if it has none yet (the first record it encrypts).
     */
    WorkspaceKeys keysFor(WorkspaceId workspace) {
        WorkspaceKeys cached = cache.get(workspace);
        return cached != null ? cached : cache.computeIfAbsent(workspace, this::loadOrCreate);
    }

    /**
     * The workspace's keys if they exist; a workspace without keys (unknown or shredded)
     * cannot decrypt anything.
     */
    WorkspaceKeys existingKeysFor(WorkspaceId workspace) {
        WorkspaceKeys cached = cache.get(workspace);
        if (cached != null) {
            return cached;
        }
        if (files.readWorkspace(workspace).isEmpty()) {
            throw new IntegrityException(
                    files.isShredded(workspace) ? "the keys of workspace " + workspace + " were destroyed"
                            : "workspace " + workspace + " has no keys",
                    null);
        }
        return keysFor(workspace);
    }

    /** The deployment's keys, made on first use like a workspace's. */
    DeploymentKeys deploymentKeys() {
        DeploymentKeys keys = deploymentKeys;
        if (keys == null) {
            synchronized (this) {
                if (deploymentKeys == null) {
                    deploymentKeys = loadOrCreateDeployment();
                }
                keys = deploymentKeys;
            }
        }
        return keys;
    }

    /** The deployment's signing keys, made on first use like its data keys. */
    SigningKeys signingKeys() {
        SigningKeys keys = signingKeys;
        if (keys == null) {
            synchronized (this) {
                if (signingKeys == null) {
                    signingKeys = loadOrCreateSigning();
                }
                keys = signingKeys;
            }
        }
        return keys;
    }

    /**
     * Wraps the deployment's keysets (data and signing) again under {@code next}, where
     * they exist.
     */
    synchronized void rewrapDeployment(MasterKey next) {
        if (files.readDeployment().isPresent()) {
            files.replaceDeployment(wrap(deploymentKeys(), next));
        }
        if (files.readSigning().isPresent()) {
            files.replaceSigning(wrap(signingKeys().keyset(), next, SIGNING_CONTEXT, "signing"));
        }
    }

    private SigningKeys loadOrCreateSigning() {
        var wrapped = files.readSigning();
        try {
            if (wrapped.isPresent()) {
                MasterKey master = masterKeys.byId(wrapped.get().masterKeyId())
                    .orElseThrow(() -> new MasterKeyException("The deployment's signing keys are wrapped by master key "
                            + wrapped.get().masterKeyId() + ", which is not configured."));
                return signing(TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.get().keyset(), master.aead(),
                        SIGNING_CONTEXT));
            }
            KeysetHandle created = KeysetHandle
                .generateNew(Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX));
            files.createSigning(wrap(created, masterKeys.current(), SIGNING_CONTEXT, "signing"));
            return signing(created);
        }
        catch (FileAlreadyExistsException raced) {
            return loadOrCreateSigning(); // another node made them first: use theirs
        }
        catch (GeneralSecurityException e) {
            throw new IntegrityException("the deployment's signing keys do not unwrap", e);
        }
    }

    private static SigningKeys signing(KeysetHandle keyset) throws GeneralSecurityException {
        KeysetHandle publicKeyset = keyset.getPublicKeysetHandle();
        if (!(publicKeyset.getPrimary().getKey() instanceof Ed25519PublicKey publicKey)
                || publicKey.getParameters().getVariant() != Ed25519Parameters.Variant.NO_PREFIX) {
            throw new IntegrityException("the deployment's signing keyset is not a plain Ed25519 key", null);
        }
        return new SigningKeys(keyset, keyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class),
                publicKeyset.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class), publicKey);
    }

    private static KeyFiles.WrappedKeyset wrap(KeysetHandle keyset, MasterKey master, byte[] context, String what) {
        try {
            return new KeyFiles.WrappedKeyset(master.id(),
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, master.aead(), context));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap the deployment's " + what + " keys", e);
        }
    }

    private DeploymentKeys loadOrCreateDeployment() {
        var wrapped = files.readDeployment();
        try {
            if (wrapped.isPresent()) {
                MasterKey master = masterKeys.byId(wrapped.get().masterKeyId())
                    .orElseThrow(() -> new MasterKeyException("The deployment's keys are wrapped by master key "
                            + wrapped.get().masterKeyId() + ", which is not configured."));
                return usable(TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.get().keyset(), master.aead(),
                        DEPLOYMENT_CONTEXT));
            }
            DeploymentKeys created = usable(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
            files.createDeployment(wrap(created, masterKeys.current()));
            return created;
        }
        catch (FileAlreadyExistsException raced) {
            return loadOrCreateDeployment(); // another node made them first: use theirs
        }
        catch (GeneralSecurityException e) {
            throw new IntegrityException("the deployment's keys do not unwrap", e);
        }
    }

    private static DeploymentKeys usable(KeysetHandle keyset) throws GeneralSecurityException {
        return new DeploymentKeys(keyset, keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
    }

    private static KeyFiles.WrappedKeyset wrap(DeploymentKeys keys, MasterKey master) {
        try {
            return new KeyFiles.WrappedKeyset(master.id(),
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(keys.keyset(), master.aead(), DEPLOYMENT_CONTEXT));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap the deployment's keys", e);
        }
    }

    List<WorkspaceId> workspaces() {
        return files.listWorkspaces();
    }

    /**
     * Adds a new AES-256-GCM key and makes it primary; older keys stay to decrypt what
     * they protect.
     */
    synchronized WorkspaceKeys rotateDataKey(WorkspaceId workspace) {
        WorkspaceKeys keys = existingKeysFor(workspace);
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keys.dataKeyset());
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withRandomId()
                .makePrimary());
            WorkspaceKeys rotated = usable(builder.build(), keys.indexKeyset());
            files.replaceWorkspace(workspace, wrap(workspace, rotated, masterKeys.current()));
            cache.put(workspace, rotated);
            return rotated;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot rotate the data key of workspace " + workspace, e);
        }
    }

    /**
     * Unwraps the workspace's keys and wraps them again under {@code next}; the data is
     * not touched.
     */
    synchronized void rewrap(WorkspaceId workspace, MasterKey next) {
        files.replaceWorkspace(workspace, wrap(workspace, existingKeysFor(workspace), next));
    }

    synchronized void shred(WorkspaceId workspace) {
        files.shred(workspace);
        cache.remove(workspace);
    }

    /** Whether the vault holds keys of the workspace (not shredded, not unknown). */
    boolean holdsKeysOf(WorkspaceId workspace) {
        return files.readWorkspace(workspace).isPresent();
    }

    private WorkspaceKeys loadOrCreate(WorkspaceId workspace) {
        var wrapped = files.readWorkspace(workspace);
        if (wrapped.isPresent()) {
            MasterKey master = masterKeys.byId(wrapped.get().masterKeyId())
                .orElseThrow(() -> new MasterKeyException("The keys of workspace " + workspace
                        + " are wrapped by master key " + wrapped.get().masterKeyId() + ", which is not configured."));
            try {
                byte[] context = context(workspace, "data");
                KeysetHandle data = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.get().dataKeyset(),
                        master.aead(), context);
                KeysetHandle index = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.get().indexKeyset(),
                        master.aead(), context(workspace, "index"));
                return usable(data, index);
            }
            catch (GeneralSecurityException e) {
                throw new IntegrityException("the keys of workspace " + workspace + " do not unwrap", e);
            }
        }
        if (files.isShredded(workspace)) {
            throw new IntegrityException("the keys of workspace " + workspace + " were destroyed", null);
        }
        try {
            WorkspaceKeys created = usable(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                    KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF));
            files.createWorkspace(workspace, wrap(workspace, created, masterKeys.current()));
            return created;
        }
        catch (FileAlreadyExistsException raced) {
            return loadOrCreate(workspace); // another node made them first: use theirs
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate keys", e);
        }
    }

    private static KeyFiles.WrappedKeys wrap(WorkspaceId workspace, WorkspaceKeys keys, MasterKey master) {
        try {
            return new KeyFiles.WrappedKeys(master.id(),
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(keys.dataKeyset(), master.aead(),
                            context(workspace, "data")),
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(keys.indexKeyset(), master.aead(),
                            context(workspace, "index")));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap the keys of workspace " + workspace, e);
        }
    }

    private static WorkspaceKeys usable(KeysetHandle data, KeysetHandle index) throws GeneralSecurityException {
        return new WorkspaceKeys(data, data.getPrimitive(RegistryConfiguration.get(), Aead.class), index,
                index.getPrimitive(RegistryConfiguration.get(), PrfSet.class));
    }

    private static byte[] context(WorkspaceId workspace, String purpose) {
        return ("confidant:workspace-keys:" + workspace + ":" + purpose).getBytes(StandardCharsets.UTF_8);
    }

}
