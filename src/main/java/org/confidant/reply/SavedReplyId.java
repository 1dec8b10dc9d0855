package org.confidant.reply;

import java.util.Objects;
import java.util.UUID;

import org.confidant.shared.Ids;

/** Identifies a saved reply. */
public record SavedReplyId(UUID value) {

    public SavedReplyId {
        Objects.requireNonNull(value, "value");
    }

    public static SavedReplyId random() {
        return new SavedReplyId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static SavedReplyId of(String text) {
        return new SavedReplyId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }

}
