/**
 * The audit log: every security-relevant action of a workspace, reads included, in a hash-chained, append-only log
 * that never holds message bodies or secrets. It records the {@link org.confidant.shared.AuditedEvent}s other modules
 * publish and announces each committed entry as an {@link org.confidant.audit.AuditEntryRecorded}.
 *
 * <p><b>Recording.</b> {@link org.confidant.audit.AuditRecorder} listens synchronously to every {@code AuditedEvent}
 * and writes the entry in the publisher's transaction (or its own, when there is none), taking the source address
 * (as Tomcat resolved it behind the trusted proxies) and the user agent from the current request; the
 * {@link org.confidant.audit.PrivacyFilter} withholds anything shaped like a secret first. Reads are recorded once per
 * member, object and session per {@code confidant.audit.read-window}. The action names are a catalogue,
 * {@link org.confidant.audit.AuditCatalogue}, published as {@code docs/audit.md}.
 *
 * <p><b>Tamper evidence.</b> Each workspace's entries carry a sequence number and an HMAC-SHA256 over a canonical
 * encoding of the entry and the previous hash, keyed by the workspace's own key in the key vault (through
 * {@link org.confidant.crypto.BlindIndex}), so someone holding only the database cannot forge a chain. Appends lock
 * the workspace's chain head ({@code select ... for update}). {@link org.confidant.audit.AuditLog#verify} (the audit
 * page and {@code java -jar confidant.jar audit verify}) reports "intact" or the first broken link.
 *
 * <p><b>Append-only.</b> Only {@code AuditEntries} writes the tables (an architecture test holds the rest of the code
 * to that); it deletes entries only for retention ({@code confidant.audit.retention}, a year by default, which keeps
 * the newest purged hash as the chain's anchor and records {@code audit.retention_purged}) and when a workspace is
 * deleted. On PostgreSQL a trigger refuses any other change.
 *
 * <p>Depends on {@code access} (the reader's grants), {@code identity} (members' emails as actor labels),
 * {@code crypto} (the chain's key), {@code workspace} (deletion), {@code tenancy} (retention and the verify command
 * go through every workspace) and {@code shared}.
 */
package org.confidant.audit;
