package org.confidant.workspace;

import java.time.Instant;
import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * An owner cancelled the workspace: published inside the cancelling transaction, so that
 * what ends with it (sessions, API tokens, visitor sessions, sockets) ends in the same
 * commit or not at all. The workspace is inaccessible from now on; an owner may undo it
 * until {@code shredAfter}, when its keys are shredded and its rows deleted.
 */
@NamedInterface("api")
public record WorkspaceCancelled(WorkspaceId workspaceId, MemberId by, Instant at,
        Instant shredAfter) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.WORKSPACE_CANCELLED, AuditActor.member(by))
            .on("workspace", workspaceId)
            .details(Map.of("shred_after", shredAfter.toString()));
    }
}
