package org.confidant.routing;

import org.confidant.shared.InboxId;
import org.confidant.shared.Rejected;
import org.springframework.modulith.NamedInterface;

/**
 * An inbox's routing: whether new conversations are handed out round-robin, and how many
 * open conversations of the inbox an agent may have before routing passes them over
 * ({@value #MIN_LIMIT} to {@value #MAX_LIMIT}).
 */
@NamedInterface("api")
public record InboxRouting(InboxId inboxId, boolean roundRobin, int openLimit) {

    public static final int MIN_LIMIT = 1;

    public static final int MAX_LIMIT = 100;

    /**
     * An inbox's routing until it is set: off, with a limit of 5 ready for when it is on.
     */
    public static final int DEFAULT_LIMIT = 5;

    public InboxRouting {
        if (openLimit < MIN_LIMIT || openLimit > MAX_LIMIT) {
            throw badLimit();
        }
    }

    static InboxRouting off(InboxId inboxId) {
        return new InboxRouting(inboxId, false, DEFAULT_LIMIT);
    }

    /** The limit a form typed: a whole number from 1 to 100 ({@code bad_open_limit}). */
    public static int limit(String typed) {
        String trimmed = typed.strip();
        if (!trimmed.matches("[0-9]{1,3}")) {
            throw badLimit();
        }
        return Integer.parseInt(trimmed);
    }

    private static Rejected badLimit() {
        return new Rejected("bad_open_limit",
                "The limit of open conversations per agent is a whole number from 1 to 100.");
    }

}
