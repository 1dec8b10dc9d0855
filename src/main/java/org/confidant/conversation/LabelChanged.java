package org.confidant.conversation;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member added, changed or deleted one of the workspace's labels: recorded as
 * {@code label.added}, {@code label.changed} or {@code label.deleted} with its name and
 * colour.
 */
@NamedInterface("api")
public record LabelChanged(WorkspaceId workspaceId, MemberId actorId, LabelId labelId, String name, LabelColour colour,
        Change change) implements AuditedEvent {

    /** What happened to the label. */
    public enum Change {

        ADDED, CHANGED, DELETED

    }

    @Override
    public AuditRecord auditRecord() {
        AuditAction action = switch (change) {
            case ADDED -> AuditAction.LABEL_ADDED;
            case CHANGED -> AuditAction.LABEL_CHANGED;
            case DELETED -> AuditAction.LABEL_DELETED;
        };
        return AuditRecord.of(workspaceId, action, AuditActor.member(actorId))
            .on("label", labelId)
            .details(Map.of("name", name, "colour", colour.key()));
    }

}
