package org.confidant.job.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.confidant.job.Job;

/**
 * A job as the dashboard shows it: its kind's title, who asked for it (a name, "you" or
 * "the system") and its times in UTC.
 */
record JobView(Job job, String title, String requester) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    public String created() {
        return format(job.createdAt());
    }

    public String started() {
        return format(job.startedAt());
    }

    public String finished() {
        return format(job.finishedAt());
    }

    /** How long it ran, once it finished after starting; empty otherwise. */
    public String took() {
        if (job.startedAt() == null || job.finishedAt() == null) {
            return "";
        }
        Duration took = Duration.between(job.startedAt(), job.finishedAt());
        return took.toSeconds() < 120 ? took.toMillis() / 1000.0 + " s" : took.toMinutes() + " min";
    }

    /** The state as the pages word it. */
    public String state() {
        return switch (job.state()) {
            case QUEUED -> job.startedAt() == null ? "Queued" : "Waiting to resume";
            case RUNNING -> "Running";
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            case CANCELLED -> "Cancelled";
        };
    }

    /**
     * The progress bar's maximum: the total, or 1 while it is unknown (an empty bar, not
     * a spinner).
     */
    public long max() {
        return job.total() > 0 ? job.total() : 1;
    }

    private static String format(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }
}
