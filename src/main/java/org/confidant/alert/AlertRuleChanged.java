package org.confidant.alert;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member switched an alert rule of their workspace on or off. */
public record AlertRuleChanged(WorkspaceId workspaceId, MemberId actor, AlertRule rule, boolean enabled)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "alert.rule_changed";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(actor, "");
    }

    @Override
    public String auditTarget() {
        return "alert_rule:" + rule.key();
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("enabled", Boolean.toString(enabled));
    }
}
