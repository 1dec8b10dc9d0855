package org.confidant.access;

import java.util.Map;

import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member joined or left an inbox: recorded as {@code member.inboxes_changed}. */
public record MemberInboxesChanged(WorkspaceId workspaceId, MemberId actorId, MemberId memberId, InboxId inboxId,
        boolean joined) implements MemberChange {

    @Override
    public String auditAction() {
        return "member.inboxes_changed";
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("inbox", inboxId.toString(), "change", joined ? "joined" : "left");
    }
}
