package org.confidant.shared;

import java.util.Map;
import java.util.Objects;

/**
 * What the audit log records of one event: in which workspace, which action of the
 * {@link AuditAction catalogue}, who did it, to what ({@code kind:id}, empty when
 * nothing), how it ended, and non-secret details (a new role, a count, a policy's new
 * value). Built with {@link #of} and refined with {@link #on}, {@link #details} and
 * {@link #outcome}.
 */
public record AuditRecord(WorkspaceId workspaceId, AuditAction action, AuditActor actor, String target,
        AuditOutcome outcome, Map<String, String> details) {

    public AuditRecord {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(action, "action");
        actor = actor == null ? AuditActor.anonymous() : actor;
        target = target == null ? "" : target;
        outcome = outcome == null ? AuditOutcome.SUCCESS : outcome;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** A successful action with no target and no details yet. */
    public static AuditRecord of(WorkspaceId workspaceId, AuditAction action, AuditActor actor) {
        return new AuditRecord(workspaceId, action, actor, "", AuditOutcome.SUCCESS, Map.of());
    }

    /** The same record, done to {@code kind:id} (for example {@code member:0f3c...}). */
    public AuditRecord on(String kind, Object id) {
        return new AuditRecord(workspaceId, action, actor, kind + ":" + id, outcome, details);
    }

    public AuditRecord details(Map<String, String> details) {
        return new AuditRecord(workspaceId, action, actor, target, outcome, details);
    }

    public AuditRecord outcome(AuditOutcome outcome) {
        return new AuditRecord(workspaceId, action, actor, target, outcome, details);
    }
}
