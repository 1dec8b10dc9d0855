package org.confidant.attachment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

import org.confidant.attachment.spi.AttachmentStore;

/**
 * The default store: one file per object in a folder of the data directory. An object is
 * written to a temporary file next to its place, forced to disk, then moved into place
 * atomically, so a crash leaves a whole object or none.
 */
final class LocalAttachmentStore implements AttachmentStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]+(/[A-Za-z0-9-]+)*");

    private final Path root;

    LocalAttachmentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".partial-", ".tmp");
        try {
            Files.write(partial, content);
            try (var channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public byte[] get(String key) throws IOException {
        return Files.readAllBytes(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    private Path resolve(String key) throws NoSuchFileException {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new NoSuchFileException(String.valueOf(key));
        }
        return root.resolve(key);
    }

}
