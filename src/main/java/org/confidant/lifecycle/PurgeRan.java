package org.confidant.lifecycle;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;

/**
 * One run of the retention purge deleted something in a workspace: counts only, one audit
 * entry per run.
 */
public record PurgeRan(WorkspaceId workspaceId, PurgeRun run) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.RETENTION_PURGED, AuditActor.system())
            .on("purge_run", run.id())
            .details(Map.of("conversations", Long.toString(run.conversations()), "posts", Long.toString(run.messages()),
                    "attachments", Long.toString(run.attachments()), "contacts", Long.toString(run.contacts())));
    }
}
