package org.confidant.identity;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member changed what notifies them. Recorded as {@code notifications.changed}: turning
 * previews on lets message text show outside the dashboard, on the member's desktop.
 */
@NamedInterface("api")
public record NotificationPreferencesChanged(WorkspaceId workspaceId, MemberId memberId,
        NotificationPreferences preferences) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.NOTIFICATIONS_CHANGED, AuditActor.member(memberId))
            .on("member", memberId)
            .details(Map.of("new_conversations", String.valueOf(preferences.newConversations()), "my_conversations",
                    String.valueOf(preferences.myConversations()), "inbox_messages",
                    String.valueOf(preferences.inboxMessages()), "sound", String.valueOf(preferences.sound()),
                    "previews", String.valueOf(preferences.previews())));
    }
}
