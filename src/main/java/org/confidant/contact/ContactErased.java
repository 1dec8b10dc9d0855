package org.confidant.contact;

import org.confidant.shared.ContactId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A contact is being erased: published inside the erasing transaction, with the contact's
 * row locked and before it goes, so that each module deletes what it keeps of the contact
 * in its listener and in the same commit (the conversation module its conversations, the
 * widget module its visitor sessions and blocked addresses, closing its sockets after the
 * commit). A message or visitor arriving for the contact meanwhile waits for the lock and
 * then finds it gone.
 *
 * @param reason why: a member's erasure request, or the retention purge of a contact with
 * no conversation left
 */
@NamedInterface("api")
public record ContactErased(WorkspaceId workspaceId, ContactId contactId, Reason reason) {

    public enum Reason {

        /** A member asked for the contact to be erased (a data-subject request). */
        ERASURE,

        /** The retention purge: no conversation was left and its window ran out. */
        RETENTION

    }
}
