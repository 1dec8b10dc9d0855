package org.confidant.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies an API token (the part of a token before its secret). */
public record ApiTokenId(UUID value) {

    public ApiTokenId {
        Objects.requireNonNull(value, "value");
    }

    public static ApiTokenId random() {
        return new ApiTokenId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static ApiTokenId of(String text) {
        return new ApiTokenId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
