package org.confidant.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a inbox. */
public record InboxId(UUID value) {

    public InboxId {
        Objects.requireNonNull(value, "value");
    }

    public static InboxId random() {
        return new InboxId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static InboxId of(String text) {
        return new InboxId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
