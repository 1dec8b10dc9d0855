package org.confidant.api;

import java.util.Map;

import org.confidant.shared.ApiTokenId;
import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;

/**
 * An API token stopped working before its expiry.
 *
 * @param by who revoked it: a member, or the system when the token's member was removed
 * or changed password
 * @param reason {@code revoked}, {@code member_removed}, {@code password_changed} or
 * {@code second_factor_changed}
 */
public record ApiTokenRevoked(WorkspaceId workspaceId, ApiTokenId tokenId, AuditActor by,
        String reason) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.API_TOKEN_REVOKED, by)
            .on("api_token", tokenId)
            .details(Map.of("reason", reason));
    }
}
