package org.confidant.api;

import java.time.LocalDate;
import java.util.Map;

import org.confidant.shared.ApiTokenId;
import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;

/**
 * How an API token is used, without an entry per call: its very first call
 * ({@code api_token.first_used}), and, on the first call of a new day (UTC), how many
 * calls it made on the last day it was used ({@code api_token.daily_use}).
 *
 * @param day the day counted (for a first use, the day of the call)
 * @param calls calls made that day (1 for a first use)
 */
public record ApiTokenUsed(WorkspaceId workspaceId, ApiTokenId tokenId, String tokenName, boolean firstUse,
        LocalDate day, int calls) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, firstUse ? AuditAction.API_TOKEN_FIRST_USED : AuditAction.API_TOKEN_DAILY_USE,
                    new AuditActor(AuditActor.Kind.API_TOKEN, tokenId.toString(), tokenName))
            .on("api_token", tokenId)
            .details(Map.of("day", day.toString(), "calls", Integer.toString(calls)));
    }
}
