package org.confidant.conversation.web;

import java.util.Locale;

import org.confidant.conversation.ConversationFilter;
import org.confidant.conversation.ConversationRefinement;
import org.confidant.conversation.LabelId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.Rejected;

/**
 * The conversation list's query as the URL carries it (bookmarkable): its filter
 * ({@code open}, {@code resolved}, {@code mine}, {@code unassigned}, {@code all}) and its
 * refinements, an {@code inbox} id, a {@code label} id and an {@code assignee} (a
 * member's id, or {@code unassigned}), each empty when not chosen. Anything else is
 * {@code bad_filter}.
 */
record ListQuery(String filter, String inbox, String label, String assignee) {

    static final String UNASSIGNED = "unassigned";

    ListQuery {
        filter = parse(filter).name().toLowerCase(Locale.ROOT);
        inbox = inbox == null ? "" : inbox;
        label = label == null ? "" : label;
        assignee = assignee == null ? "" : assignee;
        refinement(inbox, label, assignee);
    }

    /** The list's filter. */
    ConversationFilter conversationFilter() {
        return parse(filter);
    }

    /** The list's refinements. */
    ConversationRefinement refinement() {
        return refinement(inbox, label, assignee);
    }

    /** Whether anything beyond the filter narrows the list. */
    public boolean refined() {
        return !inbox.isEmpty() || !label.isEmpty() || !assignee.isEmpty();
    }

    /**
     * The query string that keeps the list as it is (its values are ids and fixed words:
     * nothing to encode).
     */
    String query() {
        return "filter=" + filter + refinements();
    }

    /** The refinements' part of {@link #query()}: empty, or starting with {@code &}. */
    public String refinements() {
        return (inbox.isEmpty() ? "" : "&inbox=" + inbox) + (label.isEmpty() ? "" : "&label=" + label)
                + (assignee.isEmpty() ? "" : "&assignee=" + assignee);
    }

    private static ConversationFilter parse(String name) {
        try {
            return ConversationFilter.valueOf((name == null ? "open" : name).toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new Rejected("bad_filter", "The filter is one of open, resolved, mine, unassigned, all.");
        }
    }

    private static ConversationRefinement refinement(String inbox, String label, String assignee) {
        try {
            return new ConversationRefinement(inbox.isEmpty() ? null : InboxId.of(inbox),
                    label.isEmpty() ? null : LabelId.of(label),
                    assignee.isEmpty() || assignee.equals(UNASSIGNED) ? null : MemberId.of(assignee),
                    assignee.equals(UNASSIGNED));
        }
        catch (IllegalArgumentException e) {
            throw new Rejected("bad_filter", "An inbox, a label or an assignee to filter by is an id (or unassigned).");
        }
    }

}
