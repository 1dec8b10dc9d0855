package org.confidant.audit;

import java.time.Instant;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * One stored entry of a workspace's audit log, as the audit page and exports show it.
 *
 * @param sequence its position in the workspace's chain, from 1
 * @param details a JSON object of non-secret strings
 * @param prevHash the previous entry's hash (or the purge anchor's, or 32 zero bytes for
 * the first)
 * @param hash HMAC-SHA256, under the workspace's key, of this entry's canonical encoding
 * with {@code prevHash}
 */
@NamedInterface("api")
public record AuditEntry(WorkspaceId workspaceId, long sequence, Instant at, AuditActor actor, String action,
        String target, AuditOutcome outcome, String sourceIp, String userAgent, String details, byte[] prevHash,
        byte[] hash) {
}
