package org.confidant.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;

/**
 * Encrypts the secrets that belong to the deployment rather than to one workspace, such
 * as an account's TOTP secret (an account can be a member of several workspaces, and
 * outlives any of them). The deployment keyset is AES-256-GCM, wrapped by the master key
 * like the workspaces' keysets; the associated data binds each ciphertext to
 * {@code table.column, row}, so a ciphertext moved anywhere else no longer decrypts.
 */
@NamedInterface("api")
@Service
public class DeploymentEncryption {

    private final KeyVault vault;

    DeploymentEncryption(KeyVault vault) {
        this.vault = vault;
    }

    public byte[] encrypt(EncryptedColumn column, Object rowId, byte[] plaintext) {
        try {
            return vault.deploymentKeys().data().encrypt(plaintext, associatedData(column, rowId));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * Decrypts; any mismatch (tampering, another row or column, an unknown key) is an
     * {@link IntegrityException}.
     */
    public byte[] decrypt(EncryptedColumn column, Object rowId, byte[] ciphertext) {
        try {
            return vault.deploymentKeys().data().decrypt(ciphertext, associatedData(column, rowId));
        }
        catch (GeneralSecurityException e) {
            throw new IntegrityException("a ciphertext in " + column.table() + "." + column.column() + " of row "
                    + rowId + " (deployment key) does not decrypt", e);
        }
    }

    private static byte[] associatedData(EncryptedColumn column, Object rowId) {
        return ("confidant/v1|deployment|" + column.table() + "." + column.column() + "|" + rowId)
            .getBytes(StandardCharsets.UTF_8);
    }

}
