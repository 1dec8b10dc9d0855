package org.confidant.report;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A member downloaded a report's figures as CSV: recorded as {@code report.exported} with
 * the period and how many inboxes it covered (counts and times only, no names).
 */
public record ReportExported(WorkspaceId workspaceId, MemberId memberId, ReportPeriod period,
        int inboxes) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.REPORT_EXPORTED, AuditActor.member(memberId))
            .details(Map.of("from", period.from().toString(), "to", period.to().toString(), "inboxes",
                    Integer.toString(inboxes)));
    }

}
