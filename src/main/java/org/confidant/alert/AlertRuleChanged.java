package org.confidant.alert;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member switched an alert rule of their workspace on or off. */
public record AlertRuleChanged(WorkspaceId workspaceId, MemberId actor, AlertRule rule,
        boolean enabled) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.ALERT_RULE_CHANGED, AuditActor.member(actor))
            .on("alert_rule", rule.key())
            .details(Map.of("enabled", Boolean.toString(enabled)));
    }
}
