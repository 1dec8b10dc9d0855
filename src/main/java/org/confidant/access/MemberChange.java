package org.confidant.access;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * An audited change a member ({@link #actorId}) made to another member's access
 * ({@link #memberId}, the target), or to their own when leaving or handing over
 * ownership.
 */
interface MemberChange extends AuditedEvent {

    WorkspaceId workspaceId();

    MemberId actorId();

    MemberId memberId();

    /** The record of this change: {@code action}, done by the actor to the member. */
    default AuditRecord change(AuditAction action) {
        return AuditRecord.of(workspaceId(), action, AuditActor.member(actorId())).on("member", memberId());
    }

}
