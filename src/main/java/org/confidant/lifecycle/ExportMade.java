package org.confidant.lifecycle;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * An export a member asked for was made and can be downloaded: recorded (and alerted on)
 * as {@code contact.exported} or {@code workspace.exported}.
 */
public record ExportMade(WorkspaceId workspaceId, MemberId requester, DataExport export) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        boolean contact = export.kind() == DataExport.Kind.CONTACT;
        return AuditRecord
            .of(workspaceId, contact ? AuditAction.CONTACT_EXPORTED : AuditAction.WORKSPACE_EXPORTED,
                    AuditActor.member(requester))
            .on(contact ? "contact" : "export", contact ? export.contactId() : export.id())
            .details(contact ? Map.of("export", export.id().toString(), "job", export.jobId().toString())
                    : Map.of("job", export.jobId().toString()));
    }
}
