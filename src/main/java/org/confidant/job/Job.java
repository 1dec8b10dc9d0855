package org.confidant.job;

import java.time.Instant;
import java.util.Optional;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A job as the pages and the API show it. Its parameters and checkpoint belong to its
 * kind and are not part of it.
 *
 * @param requester the member who asked for it; null when the system started it
 * @param done work done so far, in the kind's own unit (rows, files, conversations...)
 * @param total all the work, in the same unit; 0 while the kind does not know yet
 * @param error why it failed, in words meant for people (never a stack trace or a
 * secret); null otherwise
 * @param result what it made (an opaque reference its kind's module resolves), present
 * only once it succeeded
 */
@NamedInterface("api")
public record Job(JobId id, WorkspaceId workspaceId, String kind, @Nullable MemberId requester, JobState state,
        long done, long total, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
        @Nullable String error, @Nullable String result) {

    public Job {
        if (result != null && state != JobState.SUCCEEDED) {
            throw new IllegalStateException("only a succeeded job has a result");
        }
    }

    public boolean finished() {
        return state.finished();
    }

    /**
     * The result of a succeeded job; empty for any other, so a half-made result is never
     * handed out.
     */
    public Optional<String> resultReference() {
        return Optional.ofNullable(result);
    }

    /** Whole percent done, 0 while the total is unknown. */
    public int percent() {
        return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }
}
