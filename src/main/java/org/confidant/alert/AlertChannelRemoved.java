package org.confidant.alert;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member removed an alert channel of their workspace (and with it its deliveries). */
public record AlertChannelRemoved(WorkspaceId workspaceId, MemberId actor, AlertChannelId channelId,
        ChannelKind kind) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.ALERT_CHANNEL_REMOVED, AuditActor.member(actor))
            .on("alert_channel", channelId)
            .details(Map.of("kind", kind.name().toLowerCase()));
    }
}
