package org.confidant.alert;

import java.util.Objects;
import java.util.UUID;

/** Identifies an alert channel. */
public record AlertChannelId(UUID value) {

    private static final String CANONICAL_UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    public AlertChannelId {
        Objects.requireNonNull(value, "value");
    }

    public static AlertChannelId random() {
        return new AlertChannelId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static AlertChannelId of(String text) {
        if (text == null || !text.matches(CANONICAL_UUID)) {
            throw new IllegalArgumentException("not an identifier");
        }
        return new AlertChannelId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
