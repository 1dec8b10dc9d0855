package org.confidant.crypto;

import java.util.Locale;
import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A workspace's keys were rotated by the operator: a new primary data key ({@code data}),
 * or its keysets re-wrapped under a new master key ({@code master}). Carries the new
 * key's id, never key material.
 */
@NamedInterface("api")
public record KeyRotated(WorkspaceId workspaceId, Kind kind, String keyId) implements AuditedEvent {

    public enum Kind {

        DATA, MASTER

    }

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.KEY_ROTATED, AuditActor.system())
            .on("workspace", workspaceId)
            .details(Map.of("rotated", kind.name().toLowerCase(Locale.ROOT), "new_version", keyId));
    }
}
