package org.confidant.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a workspace. */
public record WorkspaceId(UUID value) {

    public WorkspaceId {
        Objects.requireNonNull(value, "value");
    }

    public static WorkspaceId random() {
        return new WorkspaceId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static WorkspaceId of(String text) {
        return new WorkspaceId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
