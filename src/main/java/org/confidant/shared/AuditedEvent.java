package org.confidant.shared;

import java.util.Map;

/**
 * An application event the audit log records. A module describes its own event in the log's terms here, so that the
 * audit module records every such event without knowing its type. Publish it inside the transaction of the action it
 * reports (the log is written in that transaction, from the publishing thread, which is how it learns the source
 * address and user agent of the request).
 *
 * <p>Nothing returned here may hold a secret, a password, a token or a message body; the audit log's privacy filter
 * checks, but the event is where the line is drawn first.
 */
public interface AuditedEvent {

    /** The workspace whose log records the event. */
    WorkspaceId workspaceId();

    /** The action, a dotted name listed in {@code docs/audit.md} (for example {@code member.role_changed}). */
    String auditAction();

    /** Who did it. */
    AuditActor auditActor();

    /** What it was done to, as {@code kind:id} (for example {@code member:0f3c...}); empty when nothing. */
    String auditTarget();

    /** How it ended; most actions are recorded once done. */
    default AuditOutcome auditOutcome() {
        return AuditOutcome.SUCCESS;
    }

    /** Non-secret details worth keeping (a new role, a count, a policy's new value); empty when none. */
    default Map<String, String> auditDetails() {
        return Map.of();
    }
}
