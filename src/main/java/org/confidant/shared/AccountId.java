package org.confidant.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a account. */
public record AccountId(UUID value) {

    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static AccountId of(String text) {
        return new AccountId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
