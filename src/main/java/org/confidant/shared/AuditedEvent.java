package org.confidant.shared;

/**
 * An application event the audit log records. A module describes its own event in the
 * log's terms here, so that the audit module records every such event without knowing its
 * type. Publish it inside the transaction of the action it reports (the log is written in
 * that transaction, from the publishing thread, which is how it learns the source address
 * and user agent of the request).
 *
 * <p>
 * Nothing in the record may be a secret, a password, a token or a message body; the audit
 * log's privacy filter checks, but the event is where the line is drawn first.
 */
public interface AuditedEvent {

    /** What the log records of this event. */
    AuditRecord auditRecord();

}
