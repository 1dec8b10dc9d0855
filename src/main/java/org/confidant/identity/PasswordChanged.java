package org.confidant.identity;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * An account's password changed; published once for each of the account's memberships, so that each workspace's log
 * records it and whatever the member's credentials opened there (API tokens, other sessions) can be ended.
 */
public record PasswordChanged(WorkspaceId workspaceId, MemberId memberId, String email) implements AuditedEvent {

    @Override
    public String auditAction() {
        return "password.changed";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(memberId, email);
    }

    @Override
    public String auditTarget() {
        return "member:" + memberId.value();
    }
}
