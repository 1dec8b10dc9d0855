package org.confidant.privacy;

import java.time.Clock;
import java.util.List;

import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent, as the widget needs it: an inbox's privacy settings, the consent a new visitor
 * gives (recorded on their contact with the notice's version and the time), a visitor
 * withdrawing it, and the consents of a contact for its export and erasure.
 *
 * <p>
 * The widget module asks {@link #privacy} at every {@code hello} of a new visitor: in an
 * inbox that asks for consent, it creates no contact and no session until the
 * {@code hello} carries the visitor's consent to the current notice, and then records it
 * here ({@link #record}) in the same transaction. Consent records go with their contact:
 * the contact's erasure calls {@link #eraseContact}.
 */
@NamedInterface("api")
@Service
public class ConsentManagement {

    private final Consents consents;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ConsentManagement(Consents consents, ApplicationEventPublisher events, Clock clock) {
        this.consents = consents;
        this.events = events;
        this.clock = clock;
    }

    /** The inbox's privacy settings (the defaults when none were set). */
    @Transactional(readOnly = true)
    public InboxPrivacy privacy(WorkspaceId workspaceId, InboxId inboxId) {
        return consents.privacy(workspaceId, inboxId).orElseGet(() -> InboxPrivacy.defaults(inboxId));
    }

    /**
     * Records a new visitor's consent, in the transaction that creates their contact.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Consent record(WorkspaceId workspaceId, InboxId inboxId, ContactId contactId, Consent.Kind kind,
            int noticeVersion) {
        Consent consent = new Consent(contactId, inboxId, kind, noticeVersion, Timestamps.now(clock));
        consents.record(workspaceId, consent);
        return consent;
    }

    /** The consents the contact gave, oldest first (for the contact's export). */
    @Transactional(readOnly = true)
    public List<Consent> consents(WorkspaceId workspaceId, ContactId contactId) {
        return consents.ofContact(workspaceId, contactId);
    }

    /**
     * A visitor withdraws their consent: their consent records are deleted and
     * {@link ConsentWithdrawn} tells the modules that kept something because of it (the
     * widget ends the contact's chat sessions in this transaction).
     */
    @Transactional
    public void withdraw(WorkspaceId workspaceId, InboxId inboxId, ContactId contactId) {
        consents.deleteOfContact(workspaceId, contactId);
        events.publishEvent(new ConsentWithdrawn(workspaceId, inboxId, contactId));
    }

    /**
     * Deletes the contact's consent records: the contact is being erased. Returns how
     * many there were.
     */
    @Transactional
    public int eraseContact(WorkspaceId workspaceId, ContactId contactId) {
        return consents.deleteOfContact(workspaceId, contactId);
    }

    /**
     * Removes a deleted workspace's privacy settings and consents, before its contacts.
     */
    @EventListener
    @Order(15)
    void on(WorkspaceDeleted event) {
        consents.deleteWorkspace(event.workspaceId());
    }

}
