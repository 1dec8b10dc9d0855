package org.confidant.api;

import java.util.Map;
import java.util.stream.Collectors;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member created an API token (its secret is never part of any event). */
public record ApiTokenCreated(ApiToken token, String creatorEmail) implements AuditedEvent {

    public WorkspaceId workspaceId() {
        return token.workspaceId();
    }

    public MemberId creator() {
        return token.memberId();
    }

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId(), AuditAction.API_TOKEN_CREATED, AuditActor.member(token.memberId(), creatorEmail))
            .on("api_token", token.id())
            .details(Map.of("name", token.name(), "expires", token.expiresAt().toString(), "permissions",
                    token.permissions().stream().map(p -> p.key()).sorted().collect(Collectors.joining(" "))));
    }
}
