package org.confidant.api;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member created an API token (its secret is never part of any event). */
public record ApiTokenCreated(ApiToken token, String creatorEmail) implements AuditedEvent {

    @Override
    public WorkspaceId workspaceId() {
        return token.workspaceId();
    }

    public MemberId creator() {
        return token.memberId();
    }

    @Override
    public String auditAction() {
        return "api_token.created";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(token.memberId(), creatorEmail);
    }

    @Override
    public String auditTarget() {
        return "api_token:" + token.id();
    }

    @Override
    public Map<String, String> auditDetails() {
        Instant expires = token.expiresAt();
        return Map.of("name", token.name(), "expires", expires.toString(), "permissions",
                token.permissions().stream().map(p -> p.key()).sorted().collect(Collectors.joining(" ")));
    }
}
