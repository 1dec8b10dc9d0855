package org.confidant.privacy;

import java.time.Instant;

import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.springframework.modulith.NamedInterface;

/**
 * A visitor's consent, kept with their contact: in which inbox, how it was given
 * (accepting the notice, or writing where the inbox allows implied consent), to which
 * version of the notice, and when. Exported and erased with the contact.
 */
@NamedInterface("api")
public record Consent(ContactId contactId, InboxId inboxId, Kind kind, int noticeVersion, Instant givenAt) {

    /** How consent was given. */
    public enum Kind {

        /** The visitor accepted the notice. */
        EXPLICIT,

        /** The visitor started writing, in an inbox that allows implied consent. */
        IMPLIED

    }

}
