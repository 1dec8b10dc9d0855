package org.confidant.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member exported (part of) the audit log: recorded as {@code audit.exported}, with its
 * format, filters and size.
 */
@NamedInterface("api")
public record AuditExported(WorkspaceId workspaceId, MemberId memberId, String format, long entries,
        Map<String, String> filters) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        Map<String, String> details = new LinkedHashMap<>(filters);
        details.put("format", format);
        details.put("entries", Long.toString(entries));
        return AuditRecord.of(workspaceId, AuditAction.AUDIT_EXPORTED, AuditActor.member(memberId)).details(details);
    }
}
