package org.confidant.crypto;

import java.util.Map;

import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * Implemented by each module that stores ciphertexts, so that key administration can
 * re-encrypt them under the current key and report which keys are in use, without knowing
 * the module's tables.
 */
@NamedInterface("api")
public interface EncryptedRecords {

    /** A short name for reports, e.g. {@code message.body}. */
    String name();

    /** How many ciphertexts each data-key id protects in the workspace. */
    Map<Long, Long> countByKeyId(WorkspaceId workspaceId);

    /**
     * Passes every ciphertext of the workspace not yet under the primary key through
     * {@code reencrypt} and stores the result, in batches. Returns how many records were
     * rewritten.
     */
    long reencrypt(WorkspaceId workspaceId, Reencryption reencrypt);

    /**
     * Re-encrypts one ciphertext of a column and row under the workspace's primary data
     * key.
     */
    interface Reencryption {

        boolean isUnderPrimaryKey(byte[] ciphertext);

        byte[] apply(EncryptedColumn column, String rowId, byte[] ciphertext);

    }

}
