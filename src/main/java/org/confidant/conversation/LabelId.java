package org.confidant.conversation;

import java.util.Objects;
import java.util.UUID;

import org.confidant.shared.Ids;
import org.springframework.modulith.NamedInterface;

/** Identifies a conversation label. */
@NamedInterface("api")
public record LabelId(UUID value) {

    public LabelId {
        Objects.requireNonNull(value, "value");
    }

    public static LabelId random() {
        return new LabelId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static LabelId of(String text) {
        return new LabelId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }

}
