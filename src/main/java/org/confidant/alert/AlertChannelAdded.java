package org.confidant.alert;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A member added an alert channel to their workspace. Neither its URL nor its secret is
 * part of the event.
 */
public record AlertChannelAdded(WorkspaceId workspaceId, MemberId actor, AlertChannelId channelId,
        ChannelKind kind) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.ALERT_CHANNEL_ADDED, AuditActor.member(actor))
            .on("alert_channel", channelId)
            .details(Map.of("kind", kind.name().toLowerCase()));
    }
}
