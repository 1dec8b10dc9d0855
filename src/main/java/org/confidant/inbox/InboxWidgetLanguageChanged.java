package org.confidant.inbox;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member fixed the language of an inbox's widget, or gave it back to the visitor's
 * browser ({@code auto}).
 */
@NamedInterface("api")
public record InboxWidgetLanguageChanged(WorkspaceId workspaceId, MemberId actor, InboxId inboxId,
        String language) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.INBOX_WIDGET_LANGUAGE_CHANGED, AuditActor.member(actor))
            .on("inbox", inboxId)
            .details(Map.of("language", language));
    }
}
