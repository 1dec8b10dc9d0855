package org.confidant.attachment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.tika.Tika;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.confidant.shared.Rejected;

/**
 * Decides what a file is from its bytes alone (Apache Tika's magic and text detection):
 * the type a client declares and the file's extension are never asked. A type outside the
 * allowlist is refused.
 */
final class ContentTypes {

    private final Tika tika = new Tika();

    private final List<String> allowed;

    ContentTypes(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * The file's sniffed type, if allowed; otherwise {@code attachment_type_not_allowed}.
     */
    String allowedTypeOf(Path file) throws IOException {
        String type;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            type = tika.detect(in); // no file name given: content only
        }
        type = type.toLowerCase(Locale.ROOT);
        if (!allowed.contains(type)) {
            throw new Rejected("attachment_type_not_allowed", "Files of this kind (" + type + ") cannot be sent.");
        }
        return type;
    }

    /**
     * The name to offer: the given one if its extension fits the type, otherwise with the
     * type's usual extension added, so that a PNG sent as {@code invoice.exe} is saved as
     * {@code invoice.exe.png} and opens as an image.
     */
    static String nameFor(String name, String type) {
        try {
            MimeType mimeType = MimeTypes.getDefaultMimeTypes().forName(type);
            List<String> extensions = mimeType.getExtensions();
            if (extensions.isEmpty() || extensions.contains("." + FileNames.extension(name))) {
                return name;
            }
            String suffix = extensions.get(0);
            int room = FileNames.MAX_CODE_POINTS - suffix.length();
            String base = name.codePointCount(0, name.length()) <= room ? name
                    : name.substring(0, name.offsetByCodePoints(0, room));
            return base + suffix;
        }
        catch (MimeTypeException e) {
            return name;
        }
    }

}
