package org.confidant.attachment;

import java.util.Objects;
import java.util.UUID;

import org.confidant.shared.Ids;
import org.springframework.modulith.NamedInterface;

/** Identifies an attachment. */
@NamedInterface("api")
public record AttachmentId(UUID value) {

    public AttachmentId {
        Objects.requireNonNull(value, "value");
    }

    public static AttachmentId random() {
        return new AttachmentId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID form; anything else is an
     * {@link IllegalArgumentException}.
     */
    public static AttachmentId of(String text) {
        return new AttachmentId(Ids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
