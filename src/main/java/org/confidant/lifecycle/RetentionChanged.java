package org.confidant.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A member set a retention policy: the workspace's ({@code inbox} null), an inbox's own,
 * or removed an inbox's own ({@code policy} null: the inbox follows the workspace again).
 */
public record RetentionChanged(WorkspaceId workspaceId, MemberId by, InboxId inbox,
        RetentionPolicy policy) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("inbox", inbox == null ? "workspace" : inbox.toString());
        if (policy == null) {
            details.put("policy", "workspace's");
        }
        else {
            details.put("resolved", days(policy.resolvedDays()));
            details.put("inactive", days(policy.inactiveDays()));
            details.put("attachments", days(policy.attachmentDays()));
            if (inbox == null) {
                details.put("contacts", days(policy.orphanContactDays()));
                details.put("audit", days(policy.auditDays()));
            }
        }
        return AuditRecord.of(workspaceId, AuditAction.RETENTION_CHANGED, AuditActor.member(by))
            .on(inbox == null ? "workspace" : "inbox", inbox == null ? workspaceId : inbox)
            .details(details);
    }

    private static String days(Integer days) {
        return days == null ? "forever" : days.toString();
    }
}
