package org.confidant.attachment;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Makes the name a client gave a file safe to store, show and offer as a download name:
 * Unicode NFC; only the last path segment (no {@code /} or {@code \}); no control or
 * formatting characters (which include the bidirectional overrides that make
 * {@code exe.pdf} look like {@code fdp.exe}); no characters that file systems refuse; no
 * leading or trailing dots and spaces; at most {@link #MAX_CODE_POINTS} characters, the
 * extension kept; {@code file} when nothing is left.
 */
final class FileNames {

    static final int MAX_CODE_POINTS = 120;
    static final String FALLBACK = "file";

    private static final int MAX_EXTENSION = 16;

    private FileNames() {
    }

    static String normalise(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return;
            }
            kept.appendCodePoint(":*?\"<>|".indexOf(c) >= 0 ? '_' : Character.isWhitespace(c) ? ' ' : c);
        });
        // NFC again: a character removed above may have stood between a letter and its
        // combining mark
        name = Normalizer.normalize(kept.toString(), Normalizer.Form.NFC);
        name = trimDotsAndSpaces(name.replaceAll(" {2,}", " "));
        if (name.isEmpty()) {
            return FALLBACK;
        }
        return shorten(name);
    }

    /** The extension (lower case, without the dot) of a normalised name, or empty. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String trimDotsAndSpaces(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(start, end);
    }

    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_CODE_POINTS) {
            return name;
        }
        String extension = extension(name);
        String suffix = extension.isEmpty() || extension.length() > MAX_EXTENSION ? ""
                : name.substring(name.length() - extension.length() - 1);
        int keep = MAX_CODE_POINTS - suffix.codePointCount(0, suffix.length());
        return trimDotsAndSpaces(name.substring(0, name.offsetByCodePoints(0, keep))) + suffix;
    }

}
