package org.confidant.access;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/** A member joined or left an inbox: recorded as {@code member.inboxes_changed}. */
@NamedInterface("api")
public record MemberInboxesChanged(WorkspaceId workspaceId, MemberId actorId, MemberId memberId, InboxId inboxId,
        boolean joined) implements MemberChange {

    @Override
    public AuditRecord auditRecord() {
        return change(AuditAction.MEMBER_INBOXES_CHANGED)
            .details(Map.of("inbox", inboxId.toString(), "change", joined ? "joined" : "left"));
    }
}
