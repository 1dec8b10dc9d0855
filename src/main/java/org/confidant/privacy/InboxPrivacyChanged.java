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
 * A member changed an inbox's consent mode, storage, notice or privacy-policy link:
 * recorded as {@code privacy.consent_settings_changed}.
 */
@NamedInterface("api")
public record InboxPrivacyChanged(WorkspaceId workspaceId, MemberId by, InboxPrivacy privacy) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.PRIVACY_CONSENT_SETTINGS_CHANGED, AuditActor.member(by))
            .on("inbox", privacy.inboxId())
            .details(Map.of("consent", privacy.consent().name().toLowerCase(), "storage",
                    privacy.storage().name().toLowerCase(), "notice_version",
                    Integer.toString(privacy.noticeVersion())));
    }

}
