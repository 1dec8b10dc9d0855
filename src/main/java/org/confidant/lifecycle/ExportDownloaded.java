package org.confidant.lifecycle;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member downloaded an export. */
public record ExportDownloaded(WorkspaceId workspaceId, MemberId by, DataExport export) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.EXPORT_DOWNLOADED, AuditActor.member(by))
            .on("export", export.id())
            .details(Map.of("kind", export.kind().code()));
    }
}
