package org.confidant.identity;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * An account's password changed; published once for each of the account's memberships, so
 * that each workspace's log records it and whatever the member's credentials opened there
 * (API tokens, other sessions) can be ended.
 *
 * @param byResetLink whether it was set through an emailed reset link (then nobody was
 * signed in: the actor is anonymous) rather than changed by the signed-in member with
 * their current password
 */
@NamedInterface("api")
public record PasswordChanged(WorkspaceId workspaceId, MemberId memberId, String email,
        boolean byResetLink) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, AuditAction.PASSWORD_CHANGED,
                    byResetLink ? AuditActor.anonymous() : AuditActor.member(memberId, email))
            .on("member", memberId.value())
            .details(Map.of("via", byResetLink ? "reset_link" : "current_password"));
    }
}
