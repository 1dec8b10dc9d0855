package org.confidant.lifecycle;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Ids;
import org.confidant.shared.NotFound;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Legal holds ({@link Permission#LEGAL_HOLDS_MANAGE}): a hold on a conversation or a
 * contact keeps it from the purge and from erasure until it is lifted. A contact counts
 * as held when it, or any of its conversations, is. Placing and lifting are recorded
 * ({@link LegalHoldChanged}).
 */
@NamedInterface("api")
@Service
public class LegalHoldManagement {

    private final LegalHolds holds;

    private final ConversationManagement conversations;

    private final ContactManagement contacts;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    LegalHoldManagement(LegalHolds holds, ConversationManagement conversations, ContactManagement contacts,
            ApplicationEventPublisher events, Clock clock) {
        this.holds = holds;
        this.conversations = conversations;
        this.contacts = contacts;
        this.events = events;
        this.clock = clock;
    }

    /** The workspace's holds, newest first. */
    @Transactional(readOnly = true)
    public List<LegalHold> list(Grants viewer) {
        viewer.require(Permission.LEGAL_HOLDS_MANAGE);
        return holds.list(viewer.workspaceId());
    }

    /**
     * Places a hold on the conversation or contact {@code id} of the actor's workspace.
     * @throws NotFound for an id that is malformed, unknown or of another workspace
     */
    @Transactional
    public LegalHold.Target place(Grants actor, LegalHold.Kind kind, String id) {
        LegalHold.Target target = existing(actor, kind, id);
        actor.require(Permission.LEGAL_HOLDS_MANAGE);
        if (holds.place(actor.workspaceId(), target, actor.memberId(), Timestamps.now(clock))) {
            events.publishEvent(new LegalHoldChanged(actor.workspaceId(), actor.memberId(), target, true));
        }
        return target;
    }

    /**
     * Lifts the hold on the conversation or contact {@code id} of the actor's workspace,
     * if it has one.
     * @throws NotFound for an id that is malformed, unknown or of another workspace
     */
    @Transactional
    public void release(Grants actor, LegalHold.Kind kind, String id) {
        LegalHold.Target target = existing(actor, kind, id);
        actor.require(Permission.LEGAL_HOLDS_MANAGE);
        if (holds.release(actor.workspaceId(), target)) {
            events.publishEvent(new LegalHoldChanged(actor.workspaceId(), actor.memberId(), target, false));
        }
    }

    /**
     * The conversations among these that are held, themselves or through their contact.
     */
    Set<ConversationId> heldAmong(WorkspaceId workspaceId, Collection<Conversation> candidates) {
        Set<UUID> heldConversations = holds.held(workspaceId, LegalHold.Kind.CONVERSATION,
                candidates.stream().map(c -> c.id().value()).toList());
        Set<UUID> heldContacts = holds.held(workspaceId, LegalHold.Kind.CONTACT,
                candidates.stream().map(c -> c.contactId().value()).toList());
        Set<ConversationId> held = new HashSet<>();
        for (Conversation c : candidates) {
            if (heldConversations.contains(c.id().value()) || heldContacts.contains(c.contactId().value())) {
                held.add(c.id());
            }
        }
        return held;
    }

    /** Whether the contact is held, itself or through one of its conversations. */
    boolean contactHeld(WorkspaceId workspaceId, ContactId contact) {
        if (!holds.held(workspaceId, LegalHold.Kind.CONTACT, List.of(contact.value())).isEmpty()) {
            return true;
        }
        List<UUID> ofContact = conversations.ofContact(workspaceId, contact).stream().map(c -> c.id().value()).toList();
        return !holds.held(workspaceId, LegalHold.Kind.CONVERSATION, ofContact).isEmpty();
    }

    /**
     * The conversation (if the actor may read it) or contact of the actor's workspace;
     * not found otherwise, before any permission is looked at.
     */
    private LegalHold.Target existing(Grants actor, LegalHold.Kind kind, String id) {
        UUID value = parse(id, kind);
        boolean exists = switch (kind) {
            case CONVERSATION -> conversations.find(actor, new ConversationId(value)).isPresent();
            case CONTACT -> !contacts.existing(actor.workspaceId(), List.of(new ContactId(value))).isEmpty();
        };
        if (!exists) {
            throw new NotFound(kind.code());
        }
        return new LegalHold.Target(kind, value);
    }

    private static UUID parse(String id, LegalHold.Kind kind) {
        try {
            return Ids.parse(id == null ? null : id.strip());
        }
        catch (IllegalArgumentException malformed) {
            throw new NotFound(kind.code());
        }
    }

}
