package org.confidant.access;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;

/**
 * An audited change a member ({@link #actorId}) made to another member's access ({@link #memberId}, the target), or
 * to their own when leaving or handing over ownership.
 */
interface MemberChange extends AuditedEvent {

    MemberId actorId();

    MemberId memberId();

    @Override
    default AuditActor auditActor() {
        return AuditActor.member(actorId(), "");
    }

    @Override
    default String auditTarget() {
        return "member:" + memberId();
    }
}
