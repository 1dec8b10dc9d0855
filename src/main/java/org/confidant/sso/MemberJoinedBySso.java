package org.confidant.sso;

import java.util.Map;

import org.confidant.identity.Role;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A person joined a workspace just in time, at their first sign-in through its provider, with its default role. */
public record MemberJoinedBySso(WorkspaceId workspaceId, MemberId member, String email, Role role)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "member.joined_by_sso";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(member, email);
    }

    @Override
    public String auditTarget() {
        return "member:" + member.value();
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("role", role.name());
    }
}
