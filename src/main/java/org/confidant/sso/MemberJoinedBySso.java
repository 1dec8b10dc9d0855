package org.confidant.sso;

import java.util.Map;

import org.confidant.identity.Role;
import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A person joined a workspace just in time, at their first sign-in through its provider,
 * with its default role.
 */
public record MemberJoinedBySso(WorkspaceId workspaceId, MemberId member, String email,
        Role role) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.MEMBER_JOINED_BY_SSO, AuditActor.member(member, email))
            .on("member", member.value())
            .details(Map.of("role", role.name()));
    }
}
