package org.confidant.privacy;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member changed the workspace's privacy settings: how much of an IP address it keeps
 * ({@code privacy.ip_mode_changed}) or its redaction ({@code privacy.redaction_changed}).
 *
 * @param details what changed, never a sample text
 */
@NamedInterface("api")
public record PrivacySettingsChanged(WorkspaceId workspaceId, MemberId by, Setting setting,
        Map<String, String> details) implements AuditedEvent {

    /** Which setting changed. */
    public enum Setting {

        IP_MODE, REDACTION

    }

    @Override
    public AuditRecord auditRecord() {
        AuditAction action = switch (setting) {
            case IP_MODE -> AuditAction.PRIVACY_IP_MODE_CHANGED;
            case REDACTION -> AuditAction.PRIVACY_REDACTION_CHANGED;
        };
        return AuditRecord.of(workspaceId, action, AuditActor.member(by)).details(details);
    }

}
