package org.confidant.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.confidant.shared.Text;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;

/**
 * Encrypts and decrypts one field of one row under its workspace's data key
 * (AES-256-GCM). The associated data binds each ciphertext to
 * {@code workspace, table.column, row}: moved anywhere else, it no longer decrypts.
 *
 * <p>
 * <b>Binding.</b> {@link org.confidant.crypto.FieldEncryption} binds every ciphertext,
 * through associated data, to its workspace, table, column and row: a ciphertext copied
 * to another row, column or workspace fails to decrypt. Failures are
 * {@link org.confidant.crypto.IntegrityException}s, never garbage or empty text.
 */
@NamedInterface("api")
@Service
public class FieldEncryption {

    private final KeyVault vault;

    FieldEncryption(KeyVault vault) {
        this.vault = vault;
    }

    /**
     * Encrypts a text field. Text that is not well-formed Unicode has no UTF-8 form and
     * would be stored altered (a lone surrogate becomes {@code ?}): it is refused as
     * {@code malformed_text}, inside the caller's transaction, so an entry point that
     * forgot its own check still stores nothing.
     */
    public byte[] encrypt(WorkspaceId workspace, EncryptedColumn column, Object rowId, String plaintext) {
        if (!Text.isWellFormed(plaintext)) {
            throw Text.malformed(column.table() + "." + column.column());
        }
        try {
            return vault.keysFor(workspace)
                .data()
                .encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(workspace, column, rowId));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * Encrypts binary content (an attachment's file) the same way: one AES-256-GCM
     * ciphertext bound to workspace, column and row. The whole content is in memory:
     * callers cap its size.
     */
    public byte[] encryptBytes(WorkspaceId workspace, EncryptedColumn column, Object rowId, byte[] plaintext) {
        try {
            return vault.keysFor(workspace).data().encrypt(plaintext, associatedData(workspace, column, rowId));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * Decrypts what {@link #encryptBytes} made; any mismatch is an
     * {@link IntegrityException}.
     */
    public byte[] decryptBytes(WorkspaceId workspace, EncryptedColumn column, Object rowId, byte[] ciphertext) {
        try {
            return vault.existingKeysFor(workspace)
                .data()
                .decrypt(ciphertext, associatedData(workspace, column, rowId));
        }
        catch (GeneralSecurityException e) {
            throw new IntegrityException("a ciphertext in " + column.table() + "." + column.column() + " of row "
                    + rowId + " (workspace " + workspace + ") does not decrypt", e);
        }
    }

    /** Encrypts, or passes null through (an empty optional field). */
    public byte[] encryptOrNull(WorkspaceId workspace, EncryptedColumn column, Object rowId, String plaintext) {
        return plaintext == null ? null : encrypt(workspace, column, rowId, plaintext);
    }

    /**
     * Decrypts; any mismatch (tampering, wrong row, unknown or destroyed key) is an
     * {@link IntegrityException}.
     */
    public String decrypt(WorkspaceId workspace, EncryptedColumn column, Object rowId, byte[] ciphertext) {
        try {
            return new String(vault.existingKeysFor(workspace)
                .data()
                .decrypt(ciphertext, associatedData(workspace, column, rowId)), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException e) {
            throw new IntegrityException("a ciphertext in " + column.table() + "." + column.column() + " of row "
                    + rowId + " (workspace " + workspace + ") does not decrypt", e);
        }
    }

    public String decryptOrNull(WorkspaceId workspace, EncryptedColumn column, Object rowId, byte[] ciphertext) {
        return ciphertext == null ? null : decrypt(workspace, column, rowId, ciphertext);
    }

    /**
     * The id of the data key a ciphertext was made with (Tink's 5-byte prefix), or -1 if
     * it has none.
     */
    public static long keyIdOf(byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length < 5 || ciphertext[0] != 1) {
            return -1;
        }
        return ((ciphertext[1] & 0xffL) << 24) | ((ciphertext[2] & 0xffL) << 16) | ((ciphertext[3] & 0xffL) << 8)
                | (ciphertext[4] & 0xffL);
    }

    /** The workspace's current primary data key id: what {@link #encrypt} uses now. */
    public long primaryKeyId(WorkspaceId workspace) {
        return Integer.toUnsignedLong(vault.keysFor(workspace).dataKeyset().getPrimary().getId());
    }

    private static byte[] associatedData(WorkspaceId workspace, EncryptedColumn column, Object rowId) {
        return ("confidant/v1|" + workspace + "|" + column.table() + "." + column.column() + "|" + rowId)
            .getBytes(StandardCharsets.UTF_8);
    }

}
