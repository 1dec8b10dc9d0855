package org.confidant.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.confidant.shared.Rejected;

/**
 * An upload streamed to a temporary file, owner-readable only, with a hard size cap:
 * reading stops at the first byte over the cap, and the file is deleted before the
 * refusal is thrown. The caller deletes it when done ({@link #close}).
 */
final class IncomingFile implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    final Path path;

    final long size;

    private IncomingFile(Path path, long size) {
        this.path = path;
        this.size = size;
    }

    static IncomingFile receive(InputStream content, long maxBytes, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path path = Files.createTempFile(directory, "upload-", ".part");
        boolean kept = false;
        try {
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            }
            catch (UnsupportedOperationException notPosix) {
                // the folder's own permissions protect it
            }
            long size = 0;
            byte[] buffer = new byte[CHUNK];
            try (OutputStream out = Files.newOutputStream(path)) {
                int read;
                while ((read = content.read(buffer)) != -1) {
                    size += read;
                    if (size > maxBytes) {
                        throw new Rejected("attachment_too_large",
                                "A file may have at most " + maxBytes / (1024 * 1024) + " MB.");
                    }
                    out.write(buffer, 0, read);
                }
            }
            if (size == 0) {
                throw new Rejected("attachment_empty", "The file is empty.");
            }
            kept = true;
            return new IncomingFile(path, size);
        }
        finally {
            if (!kept) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }

}
