package org.confidant.lifecycle;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/** What one run of the retention purge deleted in a workspace. */
@NamedInterface("api")
public record PurgeRun(UUID id, Instant startedAt, Instant finishedAt, long conversations, long messages,
        long attachments, long contacts) {

    /** Whether it deleted anything. */
    public boolean deletedAnything() {
        return conversations + messages + attachments + contacts > 0;
    }
}
