package org.confidant.privacy;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * The redactor removed something from a text before it was stored: recorded as
 * {@code text.redacted} with how many card numbers, IBANs and custom-rule matches, never
 * what they were.
 *
 * @param target {@code kind:id} of what the text belongs to (a conversation, a contact)
 * @param field which text ({@code message}, {@code file_name}, {@code contact})
 */
@NamedInterface("api")
public record TextRedacted(WorkspaceId workspaceId, AuditActor actor, String target, String field, int cards, int ibans,
        int custom) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        int colon = target.indexOf(':');
        return AuditRecord.of(workspaceId, AuditAction.TEXT_REDACTED, actor)
            .on(target.substring(0, colon), target.substring(colon + 1))
            .details(Map.of("field", field, "cards", Integer.toString(cards), "ibans", Integer.toString(ibans),
                    "custom", Integer.toString(custom)));
    }

}
