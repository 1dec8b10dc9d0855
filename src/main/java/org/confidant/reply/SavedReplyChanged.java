package org.confidant.reply;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A member added, changed or deleted a saved reply: recorded as
 * {@code saved_reply.added}, {@code saved_reply.changed} or {@code saved_reply.deleted}
 * with its name and scope, never its body.
 */
public record SavedReplyChanged(WorkspaceId workspaceId, MemberId actorId, SavedReplyId replyId, String name,
        boolean personal, Change change) implements AuditedEvent {

    /** What happened to the reply. */
    public enum Change {

        ADDED, CHANGED, DELETED

    }

    @Override
    public AuditRecord auditRecord() {
        AuditAction action = switch (change) {
            case ADDED -> AuditAction.SAVED_REPLY_ADDED;
            case CHANGED -> AuditAction.SAVED_REPLY_CHANGED;
            case DELETED -> AuditAction.SAVED_REPLY_DELETED;
        };
        return AuditRecord.of(workspaceId, action, AuditActor.member(actorId))
            .on("saved_reply", replyId)
            .details(Map.of("name", name, "scope", personal ? "personal" : "workspace"));
    }

}
