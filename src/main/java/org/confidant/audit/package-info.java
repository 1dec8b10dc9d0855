/**
 * The audit log: every security-relevant action of a workspace, reads included, in a hash-chained, append-only log
 * that never holds message bodies or secrets. It records the {@link org.confidant.shared.AuditedEvent}s other modules
 * publish and announces each committed entry as an {@link org.confidant.audit.AuditEntryRecorded}.
 */
package org.confidant.audit;
