/**
 * The audit log: every security-relevant action of a workspace, reads included, in a
 * hash-chained, append-only log that never holds message bodies or secrets. It records
 * the {@link org.confidant.shared.AuditedEvent}s other modules publish, in their
 * transaction ({@link org.confidant.audit.AuditRecorder}), verifies the chain and serves,
 * exports and retains the log ({@link org.confidant.audit.AuditLog}), and announces each
 * committed entry as an {@link org.confidant.audit.AuditEntryRecorded}, which is how
 * alerts hear of it.
 */
@ApplicationModule(displayName = "Audit log",
        allowedDependencies = { "access::api", "crypto::api", "identity::api", "job::api", "tenancy::api",
                "workspace::api" })
@NullMarked
package org.confidant.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
