package org.confidant.shared;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parsing shared by the typed identifiers (here and in modules with ids of their own):
 * only the canonical 36-character UUID form is accepted.
 */
public final class Ids {

    private static final Pattern CANONICAL_UUID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static UUID parse(String text) {
        if (text == null || !CANONICAL_UUID.matcher(text).matches()) {
            throw new IllegalArgumentException("not an identifier");
        }
        return UUID.fromString(text);
    }

}
