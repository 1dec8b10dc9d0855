package org.confidant.alert;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member removed an alert channel of their workspace (and with it its deliveries). */
public record AlertChannelRemoved(WorkspaceId workspaceId, MemberId actor, AlertChannelId channelId, ChannelKind kind)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "alert.channel_removed";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(actor, "");
    }

    @Override
    public String auditTarget() {
        return "alert_channel:" + channelId;
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("kind", kind.name().toLowerCase());
    }
}
