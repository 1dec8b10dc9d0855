package org.confidant.attachment.spi;

import java.io.IOException;

/**
 * Where the encrypted content of attachments is kept. Keys are opaque to the store
 * (letters, digits, {@code -} and {@code /}); content reaches it already encrypted under
 * the workspace's key and bound to its attachment, so a store never sees a plaintext file
 * and cannot swap one file for another unnoticed. Confidant ships a local-folder store;
 * another (an S3-compatible bucket, for example) is a Spring bean implementing this
 * interface (see the README).
 */
public interface AttachmentStore {

    /**
     * Stores the object whole, or not at all: a reader never sees a partly written
     * object.
     */
    void put(String key, byte[] content) throws IOException;

    /** The object, or {@link java.nio.file.NoSuchFileException} when there is none. */
    byte[] get(String key) throws IOException;

    /** Removes the object; removing one that is not there does nothing. */
    void delete(String key) throws IOException;

}
