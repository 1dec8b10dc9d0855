package org.confidant.conversation;

import java.util.Objects;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * The file a message carries, when it carries one: the attachment module's id for it, its
 * sniffed type and its size. The file's name is the message's text. The conversation
 * module keeps this much so that catch-up and fan-out show a file without asking the
 * attachment module; the content itself never passes through here.
 */
@NamedInterface("api")
public record MessageFile(UUID attachmentId, String contentType, long size) {

    public MessageFile {
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(contentType, "contentType");
    }
}
