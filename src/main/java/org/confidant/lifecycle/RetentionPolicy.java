package org.confidant.lifecycle;

import java.util.function.Function;

import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.springframework.modulith.NamedInterface;

/**
 * How long a workspace (or one of its inboxes) keeps what it keeps, each window in days
 * (1 to 36,500: a hundred years), or null for ever.
 *
 * @param resolvedDays resolved conversations, counted from when they were resolved
 * @param inactiveDays conversations with no message for that long (open or resolved)
 * @param attachmentDays files, counted from their upload, whatever their conversation;
 * the message keeps a "file removed" stub
 * @param orphanContactDays contacts with no conversation left, counted from when they
 * were first seen (the workspace's policy only)
 * @param auditDays the audit log (the workspace's policy only; at least 365, kept by the
 * audit module)
 */
@NamedInterface("api")
public record RetentionPolicy(Integer resolvedDays, Integer inactiveDays, Integer attachmentDays,
        Integer orphanContactDays, Integer auditDays) {

    /** The longest window: a hundred years. */
    public static final int MAX_DAYS = 36_500;

    /** Keeps everything for ever. */
    public static final RetentionPolicy FOREVER = new RetentionPolicy(null, null, null, null, null);

    /**
     * Checks every window, naming the field of the first one that is out of range.
     * @throws Rejected {@code bad_retention}
     */
    public RetentionPolicy {
        check("resolved", resolvedDays, 1);
        check("inactive", inactiveDays, 1);
        check("attachments", attachmentDays, 1);
        check("contacts", orphanContactDays, 1);
        check("audit", auditDays, 365);
    }

    /**
     * A window as a person typed it: a number of days, or empty (or absent) for ever.
     * @throws Rejected {@code malformed_text}, or {@code bad_retention} naming the field
     */
    public static Integer days(String field, String text) {
        if (text == null) {
            return null;
        }
        Text.requireWellFormed(text, "the field \"" + field + "\"");
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        }
        catch (NumberFormatException e) {
            throw new Rejected("bad_retention",
                    "The retention \"" + field + "\" is a number of days, or empty to keep for ever.");
        }
    }

    private static void check(String field, Integer days, int least) {
        if (days != null && (days < least || days > MAX_DAYS)) {
            throw new Rejected("bad_retention", "The retention \"" + field + "\" is " + least + " to " + MAX_DAYS
                    + " days, or empty to keep for ever.");
        }
    }

    /** Whether it keeps everything for ever. */
    public boolean forever() {
        return resolvedDays == null && inactiveDays == null && attachmentDays == null && orphanContactDays == null;
    }

    /**
     * Whether this policy lets something go sooner than {@code before} in any window (a
     * window set where there was none, or shorter).
     */
    public boolean shorterThan(RetentionPolicy before) {
        return shorter(RetentionPolicy::resolvedDays, before) || shorter(RetentionPolicy::inactiveDays, before)
                || shorter(RetentionPolicy::attachmentDays, before)
                || shorter(RetentionPolicy::orphanContactDays, before) || shorter(RetentionPolicy::auditDays, before);
    }

    private boolean shorter(Function<RetentionPolicy, Integer> window, RetentionPolicy before) {
        Integer now = window.apply(this);
        Integer then = window.apply(before);
        return now != null && (then == null || now < then);
    }

}
