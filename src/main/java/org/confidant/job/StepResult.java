package org.confidant.job;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * What one step of a job returns: progress and a checkpoint to continue from, or, for the
 * last step, the result. Both are committed in the step's own transaction, with whatever
 * the step wrote to the database.
 *
 * @param checkpoint the kind's own small text (at most 4,000 characters) that the next
 * step starts from
 * @param done work done so far (0 to {@code total})
 * @param total all the work (0 when still unknown)
 * @param finished whether this was the last step
 * @param result for the last step, a reference to what the job made (at most 500
 * characters), or null
 */
@NamedInterface("api")
public record StepResult(@Nullable String checkpoint, long done, long total, boolean finished,
        @Nullable String result) {

    static final int MAX_CHECKPOINT = 4000;
    static final int MAX_RESULT = 500;

    public StepResult {
        if (done < 0 || total < 0 || (total > 0 && done > total)) {
            throw new IllegalArgumentException("progress is 0 <= done <= total (or total 0 when unknown)");
        }
        if (checkpoint != null && checkpoint.length() > MAX_CHECKPOINT) {
            throw new IllegalArgumentException("a checkpoint has at most " + MAX_CHECKPOINT + " characters");
        }
        if (result != null && (!finished || result.length() > MAX_RESULT)) {
            throw new IllegalArgumentException(
                    "only the last step has a result, of at most " + MAX_RESULT + " characters");
        }
    }

    /** More to do: continue from {@code checkpoint}. */
    public static StepResult progress(String checkpoint, long done, long total) {
        return new StepResult(checkpoint, done, total, false, null);
    }

    /** Done; {@code result} (nullable) is what the job made. */
    public static StepResult finished(long done, long total, String result) {
        return new StepResult(null, done, total, true, result);
    }
}
