package org.confidant.privacy;

import org.confidant.shared.AuditActor;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * What the redactor made of a text: the text to keep, and how many card numbers, IBANs
 * and matches of the workspace's own rules it removed (the counts are all that is ever
 * reported of them).
 */
@NamedInterface("api")
public record Redaction(String text, int cards, int ibans, int custom) {

    /** A text the redactor left as it was. */
    static Redaction unchanged(String text) {
        return new Redaction(text, 0, 0, 0);
    }

    /** How many things were removed. */
    public int total() {
        return cards + ibans + custom;
    }

    /** Whether anything was removed. */
    public boolean changed() {
        return total() > 0;
    }

    /**
     * The audit log's record of this redaction (counts only) of {@code field} ("message",
     * "file_name", "contact") on {@code kind:id}, by {@code actor}; publish it in the
     * transaction that stores the text, when {@link #changed()}.
     */
    public TextRedacted event(WorkspaceId workspaceId, AuditActor actor, String kind, Object id, String field) {
        return new TextRedacted(workspaceId, actor, kind + ":" + id, field, cards, ibans, custom);
    }

}
