package org.confidant.job;

import java.util.Objects;
import java.util.UUID;

import org.confidant.shared.Ids;
import org.springframework.modulith.NamedInterface;

/** Identifies a job. */
@NamedInterface("api")
public record JobId(UUID value) {

    public JobId {
        Objects.requireNonNull(value, "value");
    }

    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static JobId of(String text) {
        return new JobId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
