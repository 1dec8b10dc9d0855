package org.confidant.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a conversation. */
public record ConversationId(UUID value) {

    public ConversationId {
        Objects.requireNonNull(value, "value");
    }

    public static ConversationId random() {
        return new ConversationId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static ConversationId of(String text) {
        return new ConversationId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
