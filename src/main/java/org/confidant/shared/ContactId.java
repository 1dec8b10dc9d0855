package org.confidant.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a contact. */
public record ContactId(UUID value) {

    public ContactId {
        Objects.requireNonNull(value, "value");
    }

    public static ContactId random() {
        return new ContactId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static ContactId of(String text) {
        return new ContactId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
