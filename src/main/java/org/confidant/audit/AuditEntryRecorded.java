package org.confidant.audit;

import java.time.Instant;
import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * Published once an audit entry is committed to a workspace's log; alert rules react to
 * it. It holds what the entry holds after the privacy filter (no secret, no message
 * body).
 *
 * @param sequence the entry's position in its workspace's hash chain
 */
@NamedInterface("api")
public record AuditEntryRecorded(WorkspaceId workspaceId, long sequence, Instant at, String action, AuditActor actor,
        String target, AuditOutcome outcome, Map<String, String> details) {
}
