package org.confidant.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a member. */
public record MemberId(UUID value) {

    public MemberId {
        Objects.requireNonNull(value, "value");
    }

    public static MemberId random() {
        return new MemberId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static MemberId of(String text) {
        return new MemberId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
