package org.confidant.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.access.Visibility;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactErased;
import org.confidant.contact.ContactManagement;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.privacy.Redaction;
import org.confidant.privacy.Redactor;
import org.confidant.shared.AuditActor;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conversation module's public API.
 *
 * <p>
 * {@link org.confidant.conversation.ConversationManagement#postFromVisitor} and
 * {@link org.confidant.conversation.ConversationManagement#postFromAgent} validate a
 * message, lock its conversation row, give it the conversation's next sequence number and
 * store it in one transaction; they return only after the commit, so the caller's
 * acknowledgement means "durable". A sender's {@code clientMsgId} makes posting
 * idempotent. After the commit, {@link org.confidant.conversation.MessagePosted} and
 * {@link org.confidant.conversation.ConversationChanged} events tell the real-time module
 * what to fan out.
 */
@NamedInterface("api")
@Service
public class ConversationManagement {

    /**
     * The most messages one catch-up answer carries; the client asks again for the rest.
     */
    public static final int MAX_BATCH = 200;

    /** A message (or note) has at most this many characters (code points). */
    public static final int MAX_TEXT = MessageRules.MAX_TEXT_CODE_POINTS;

    private static final int LIST_LIMIT = 100;

    /** The side panel lists at most this many earlier conversations. */
    public static final int EARLIER_LIMIT = 20;

    /** The most conversations one bulk action takes: a list's worth. */
    public static final int MAX_BULK = LIST_LIMIT;

    private static final int PREVIEW_LENGTH = 90;

    private final Conversations conversations;

    private final Notes notes;

    private final Labels labels;

    private final ContactManagement contacts;

    private final AccountManagement accounts;

    private final AccessManagement access;

    private final Redactor redactor;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final ConversationTimings timings;

    ConversationManagement(Conversations conversations, Notes notes, Labels labels, ContactManagement contacts,
            AccountManagement accounts, AccessManagement access, Redactor redactor, ApplicationEventPublisher events,
            Clock clock, ConversationTimings timings) {
        this.timings = timings;
        this.conversations = conversations;
        this.notes = notes;
        this.labels = labels;
        this.contacts = contacts;
        this.accounts = accounts;
        this.access = access;
        this.redactor = redactor;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A visitor writes into their conversation of the inbox: the first message opens it,
     * a message to a resolved conversation reopens it.
     */
    @Transactional
    public PostResult postFromVisitor(WorkspaceId workspaceId, InboxId inboxId, ContactId contactId, String clientMsgId,
            String text) {
        return postFromVisitor(workspaceId, inboxId, contactId, clientMsgId, text, null);
    }

    /**
     * A visitor sends a file (stored by the attachment module, which calls this inside
     * its own transaction): a message whose text is the file's name. Otherwise as
     * {@link #postFromVisitor(WorkspaceId, InboxId, ContactId, String, String)}; the
     * contact's row stays locked until the caller's transaction ends.
     */
    @Transactional
    public PostResult postFromVisitor(WorkspaceId workspaceId, InboxId inboxId, ContactId contactId, String clientMsgId,
            String text, MessageFile file) {
        MessageRules.check(clientMsgId, text);
        Redaction redaction = redactor.redact(workspaceId, text);
        ContactManagement.Writer contact = contacts.lock(workspaceId, contactId);
        if (!contact.inboxId().equals(inboxId)) {
            throw new NotFound("contact");
        }
        Conversation conversation = conversations.findLatestOfContact(workspaceId, inboxId, contactId)
            .flatMap(found -> conversations.lock(workspaceId, found.id()))
            .orElseGet(() -> open(workspaceId, inboxId, contactId));
        return post(conversation, AuthorKind.VISITOR, null, contact.displayName(), clientMsgId, redaction, file,
                new AuditActor(AuditActor.Kind.VISITOR, contactId.value().toString(), ""));
    }

    /**
     * A member replies in a conversation they can read. What one writes, one has read:
     * the member's read marker moves to the reply in the same transaction (one commit per
     * reply).
     */
    @Transactional
    public PostResult postFromAgent(Grants author, ConversationId conversationId, String clientMsgId, String text) {
        return postFromAgent(author, conversationId, clientMsgId, text, null);
    }

    /**
     * A member sends a file: a message whose text is the file's name, as
     * {@link #postFromVisitor} with a file.
     */
    @Transactional
    public PostResult postFromAgent(Grants author, ConversationId conversationId, String clientMsgId, String text,
            MessageFile file) {
        Conversation conversation = lockReadable(author, conversationId);
        author.require(Permission.CONVERSATIONS_REPLY);
        MessageRules.check(clientMsgId, text);
        Redaction redaction = redactor.redact(author.workspaceId(), text);
        Member member = accounts.findMember(author.workspaceId(), author.memberId())
            .orElseThrow(() -> new NotFound("member"));
        PostResult result = post(conversation, AuthorKind.AGENT, member.id(), member.displayName(), clientMsgId,
                redaction, file, AuditActor.member(member.id()));
        conversations.markRead(author.workspaceId(), conversationId, author.memberId(), result.message().seq());
        return result;
    }

    /**
     * Any conversation of the workspace: for the visitor side and the system, which are
     * not bound by member scopes.
     */
    @Transactional(readOnly = true)
    public Optional<Conversation> find(WorkspaceId workspaceId, ConversationId id) {
        return conversations.find(workspaceId, id);
    }

    /**
     * The conversation, if the member can read it; an out-of-scope one is as absent as a
     * foreign one.
     */
    @Transactional(readOnly = true)
    public Optional<Conversation> find(Grants viewer, ConversationId id) {
        return conversations.find(viewer.workspaceId(), id).filter(c -> viewer.canRead(c.inboxId(), c.assignee()));
    }

    /**
     * Opens a conversation in the dashboard: the conversation, if the member can read it,
     * recorded as read by them ({@link ConversationRead}, and {@link ContactRead} when
     * they may see its contact card).
     */
    @Transactional
    public Optional<Conversation> open(Grants viewer, ConversationId id) {
        Optional<Conversation> found = find(viewer, id);
        found.ifPresent(conversation -> {
            events.publishEvent(new ConversationRead(viewer.workspaceId(), viewer.memberId(), conversation.id()));
            if (viewer.has(Permission.CONTACTS_READ)) {
                events.publishEvent(new ContactRead(viewer.workspaceId(), viewer.memberId(), conversation.contactId()));
            }
        });
        return found;
    }

    /**
     * The side panel's earlier conversations: the other conversations of the contact of a
     * conversation the member can read, those the member can read too, newest first, at
     * most {@value #EARLIER_LIMIT}.
     */
    @Transactional(readOnly = true)
    public List<Conversation> earlier(Grants viewer, ConversationId id) {
        Conversation current = find(viewer, id).orElseThrow(() -> new NotFound("conversation"));
        return conversations.ofContact(viewer.workspaceId(), current.contactId())
            .stream()
            .filter(c -> !c.id().equals(id))
            .filter(c -> viewer.canRead(c.inboxId(), c.assignee()))
            .sorted(Comparator.comparing(Conversation::createdAt).reversed())
            .limit(EARLIER_LIMIT)
            .toList();
    }

    /** The visitor's current conversation in the inbox, if they have written yet. */
    @Transactional(readOnly = true)
    public Optional<Conversation> findForContact(WorkspaceId workspaceId, InboxId inboxId, ContactId contactId) {
        return conversations.findLatestOfContact(workspaceId, inboxId, contactId);
    }

    /** Messages after {@code afterSeq}, in order, at most {@link #MAX_BATCH}. */
    @Transactional(readOnly = true)
    public List<Message> messagesAfter(WorkspaceId workspaceId, ConversationId conversationId, long afterSeq) {
        Conversation conversation = conversations.find(workspaceId, conversationId)
            .orElseThrow(() -> new NotFound("conversation"));
        List<Conversations.StoredMessage> stored = conversations.messagesAfter(workspaceId, conversationId,
                Math.max(0, afterSeq), MAX_BATCH);
        Map<MemberId, String> agentNames = new HashMap<>();
        String contactName = contacts.find(workspaceId, conversation.contactId())
            .map(Contact::displayName)
            .orElse("Visitor");
        return stored.stream()
            .map(m -> toMessage(conversation, m,
                    m.authorKind() == AuthorKind.VISITOR ? contactName
                            : agentNames.computeIfAbsent(m.authorMember(), id -> agentName(workspaceId, id))))
            .toList();
    }

    /**
     * The conversation list as the member sees it, newest activity first, with unread
     * counts: only conversations they can read, filtered in the query.
     */
    @Transactional(readOnly = true)
    public List<ConversationSummary> list(Grants viewer, ConversationFilter filter) {
        return list(viewer, filter, ConversationRefinement.NONE);
    }

    /**
     * The conversation list as {@link #list(Grants, ConversationFilter)}, narrowed
     * further: the refinement is one more condition of the query, within the member's
     * scope.
     */
    @Transactional(readOnly = true)
    public List<ConversationSummary> list(Grants viewer, ConversationFilter filter, ConversationRefinement refinement) {
        WorkspaceId workspaceId = viewer.workspaceId();
        List<Conversations.ListRow> rows = conversations.list(workspaceId, viewer, filter, refinement, LIST_LIMIT);
        Set<ContactId> contactIds = rows.stream().map(r -> r.conversation().contactId()).collect(Collectors.toSet());
        Map<ContactId, String> contactNames = contacts.displayNames(workspaceId, contactIds);
        Map<MemberId, String> memberNames = accounts.listMembers(workspaceId)
            .stream()
            .collect(Collectors.toMap(Member::id, Member::displayName));
        return rows.stream().map(row -> {
            Conversation c = row.conversation();
            return new ConversationSummary(c, contactNames.getOrDefault(c.contactId(), "Visitor"),
                    c.assignee() == null ? null : memberNames.getOrDefault(c.assignee(), "Former member"),
                    preview(row.lastText()), row.lastAuthor(), Math.max(0, c.lastSeq() - row.lastReadSeq()));
        }).toList();
    }

    /**
     * The workspace's members by name (the deactivated too: they may still hold
     * conversations), for narrowing the list to one assignee.
     */
    @Transactional(readOnly = true)
    public List<Member> members(Grants viewer) {
        return accounts.listMembers(viewer.workspaceId())
            .stream()
            .sorted(Comparator.comparing(Member::displayName, String.CASE_INSENSITIVE_ORDER))
            .toList();
    }

    /**
     * A member's display name, as the viewer's colleagues see it ("Former member" once
     * gone).
     */
    @Transactional(readOnly = true)
    public String memberName(Grants viewer, MemberId member) {
        return agentName(viewer.workspaceId(), member);
    }

    @Transactional(readOnly = true)
    public long lastReadSeq(WorkspaceId workspaceId, ConversationId conversationId, MemberId member) {
        return conversations.lastReadSeq(workspaceId, conversationId, member);
    }

    /**
     * Records that the member has read the conversation up to {@code seq} (clamped to
     * what exists). Every writer of read markers holds the conversation's row lock, so
     * two sockets of one member cannot both create the marker.
     */
    @Transactional
    public void markRead(Grants reader, ConversationId conversationId, long seq) {
        Conversation conversation = lockReadable(reader, conversationId);
        conversations.markRead(reader.workspaceId(), conversationId, reader.memberId(),
                Math.min(Math.max(seq, 0), conversation.lastSeq()));
    }

    /**
     * Resolves the conversation ({@link ConversationStatusChanged}, and
     * {@link ConversationChanged} naming the member); nothing happens to a resolved one.
     */
    @Transactional
    public Conversation resolve(Grants actor, ConversationId id) {
        return setStatus(actor, id, ConversationStatus.RESOLVED);
    }

    /**
     * Resolves several conversations at once, all or none: each must be one the member
     * can read (else {@code 404} for the whole request, nothing resolved), and the member
     * needs {@link Permission#CONVERSATIONS_RESOLVE}; then each is resolved as by
     * {@link #resolve} (its own events, audit record and broadcast). At most
     * {@value #MAX_BULK} at a time, at least one ({@code bad_selection}).
     */
    @Transactional
    public List<Conversation> resolveAll(Grants actor, Collection<ConversationId> ids) {
        List<ConversationId> chosen = ids.stream()
            .distinct()
            .sorted(Comparator.comparing(ConversationId::value))
            .toList();
        if (chosen.isEmpty() || chosen.size() > MAX_BULK) {
            throw new Rejected("bad_selection", "Choose 1 to " + MAX_BULK + " conversations.");
        }
        chosen.forEach(id -> lockReadable(actor, id));
        actor.require(Permission.CONVERSATIONS_RESOLVE);
        return chosen.stream().map(id -> setStatus(actor, id, ConversationStatus.RESOLVED)).toList();
    }

    /** Reopens the conversation, as {@link #resolve}. */
    @Transactional
    public Conversation reopen(Grants actor, ConversationId id) {
        return setStatus(actor, id, ConversationStatus.OPEN);
    }

    private Conversation setStatus(Grants actor, ConversationId id, ConversationStatus status) {
        Conversation before = lockReadable(actor, id);
        actor.require(Permission.CONVERSATIONS_RESOLVE);
        Conversation after = before.with(status, before.assignee());
        if (after.equals(before)) {
            return before;
        }
        conversations.update(after, Timestamps.now(clock));
        events.publishEvent(new ConversationStatusChanged(actor.workspaceId(), actor.memberId(), id, status));
        events
            .publishEvent(new ConversationChanged(after,
                    new ConversationChanged.Change(status == ConversationStatus.RESOLVED
                            ? ConversationChanged.Kind.RESOLVED : ConversationChanged.Kind.REOPENED, actor.memberId(),
                            nameOf(actor), null)));
        return after;
    }

    /**
     * Assigns the conversation to a member of the workspace, or unassigns it when
     * {@code assignee} is null. Taking a conversation, or handing back one's own, needs
     * {@link Permission#CONVERSATIONS_ASSIGN_SELF}; anything else
     * {@link Permission#CONVERSATIONS_ASSIGN}. The assignee must be able to read the
     * conversation once it is theirs ({@code assignee_no_access} otherwise): a member
     * whose permissions read no conversation cannot be given one. Publishes
     * {@link ConversationAssigned} and {@link ConversationChanged} naming the member.
     */
    @Transactional
    public Conversation assign(Grants actor, ConversationId id, @Nullable MemberId assignee) {
        Conversation before = lockReadable(actor, id);
        boolean onlySelf = actor.memberId().equals(assignee)
                || (assignee == null && actor.memberId().equals(before.assignee()));
        if (!(onlySelf && actor.has(Permission.CONVERSATIONS_ASSIGN_SELF))) {
            actor.require(Permission.CONVERSATIONS_ASSIGN);
        }
        String assigneeName = null;
        if (assignee != null) {
            Member member = accounts.findMember(actor.workspaceId(), assignee)
                .orElseThrow(() -> new NotFound("member"));
            if (!member.active()) {
                throw new Rejected("member_inactive",
                        "This member is deactivated: assign the conversation to someone else.");
            }
            if (!access.grants(actor.workspaceId(), assignee)
                .map(grants -> grants.canRead(before.inboxId(), assignee))
                .orElse(false)) {
                throw new Rejected("assignee_no_access",
                        "This member cannot read conversations: assign it to someone who can.");
            }
            assigneeName = member.displayName();
        }
        Conversation after = before.with(before.status(), assignee);
        if (after.equals(before)) {
            return before;
        }
        conversations.update(after, Timestamps.now(clock));
        events.publishEvent(
                new ConversationAssigned(actor.workspaceId(), actor.memberId(), id, assignee, before.assignee()));
        events.publishEvent(new ConversationChanged(after,
                new ConversationChanged.Change(
                        assignee == null ? ConversationChanged.Kind.UNASSIGNED : ConversationChanged.Kind.ASSIGNED,
                        actor.memberId(), nameOf(actor), assigneeName)));
        if (assignee != null && !assignee.equals(actor.memberId())) {
            events.publishEvent(new AttentionCalled(after, assignee, AttentionCalled.Reason.ASSIGNED, nameOf(actor),
                    contactName(after), null));
        }
        MemberId previous = before.assignee();
        if (previous != null && !previous.equals(actor.memberId())
                && access.grants(actor.workspaceId(), previous)
                    .map(grants -> grants.canRead(after.inboxId(), after.assignee()))
                    .orElse(false)) {
            // one who may no longer read it (an agent of their assigned conversations
            // only) is not told its contact's name: their dashboard is told to reload
            events.publishEvent(new AttentionCalled(after, previous, AttentionCalled.Reason.REASSIGNED, nameOf(actor),
                    contactName(after), null));
        }
        return after;
    }

    /** Who a routed conversation's frames and notifications say assigned it. */
    public static final String ROUTING_NAME = "Round-robin";

    /**
     * Round-robin routing hands an open, unassigned conversation to a member: as
     * {@link #assign} (the same {@link ConversationAssigned}, with the system as actor,
     * {@link ConversationChanged} and the assignee's {@link AttentionCalled}), but only
     * if the conversation is still open and unassigned once its row is locked, and only
     * to an active member who may read it once assigned. The caller (the routing module)
     * chose the member and holds its own lock; false, and nothing changed, when the
     * conversation is gone, taken, resolved or out of the member's reach.
     */
    @Transactional
    public boolean route(WorkspaceId workspaceId, ConversationId id, MemberId assignee) {
        Optional<Conversation> locked = conversations.lock(workspaceId, id);
        if (locked.isEmpty() || locked.get().assignee() != null || locked.get().status() != ConversationStatus.OPEN) {
            return false;
        }
        Conversation before = locked.get();
        Optional<Member> member = accounts.findMember(workspaceId, assignee).filter(Member::active);
        if (member.isEmpty() || !access.grants(workspaceId, assignee)
            .map(grants -> grants.canRead(before.inboxId(), assignee))
            .orElse(false)) {
            return false;
        }
        Conversation after = before.with(before.status(), assignee);
        conversations.update(after, Timestamps.now(clock));
        events.publishEvent(new ConversationAssigned(workspaceId, null, id, assignee, null));
        events.publishEvent(new ConversationChanged(after, new ConversationChanged.Change(
                ConversationChanged.Kind.ASSIGNED, null, ROUTING_NAME, member.get().displayName())));
        events.publishEvent(new AttentionCalled(after, assignee, AttentionCalled.Reason.ASSIGNED, ROUTING_NAME,
                contactName(after), null));
        return true;
    }

    /**
     * The inbox's open, unassigned conversations, oldest first, at most {@code limit}:
     * what routing offers. For the routing module, which checks who may be given them.
     */
    @Transactional(readOnly = true)
    public List<ConversationId> unassignedOpen(WorkspaceId workspaceId, InboxId inboxId, int limit) {
        return conversations.unassignedOpen(workspaceId, inboxId, limit);
    }

    /**
     * How many open (not resolved) conversations of the inbox each member has assigned; a
     * member with none is absent.
     */
    @Transactional(readOnly = true)
    public Map<MemberId, Integer> openAssigned(WorkspaceId workspaceId, InboxId inboxId) {
        return conversations.openAssigned(workspaceId, inboxId);
    }

    /**
     * Calls the attention of the members a note mentions, other than its author: those
     * who may read the conversation; a mention of anyone else is ignored (it tells them
     * nothing, and the note is stored as written).
     */
    private void callAttention(Grants author, Conversation conversation, Note note) {
        if (note.text().indexOf('@') < 0) {
            return;
        }
        List<Member> members = accounts.listMembers(author.workspaceId());
        for (MemberId mentioned : Mentions.in(note.text(), members)) {
            if (mentioned.equals(author.memberId()) || !access.grants(author.workspaceId(), mentioned)
                .map(grants -> grants.canRead(conversation.inboxId(), conversation.assignee()))
                .orElse(false)) {
                continue;
            }
            events.publishEvent(new AttentionCalled(conversation, mentioned, AttentionCalled.Reason.MENTIONED,
                    note.authorName(), contactName(conversation), note.text()));
        }
    }

    private String contactName(Conversation conversation) {
        return contacts.find(conversation.workspaceId(), conversation.contactId())
            .map(Contact::displayName)
            .orElse("Visitor");
    }

    /**
     * Whom the member may assign the conversation to, by name: the active members who
     * read it where it is (every inbox, or its inbox, within their scope once assigned),
     * the member first. Empty for a member who may only take conversations.
     */
    @Transactional(readOnly = true)
    public List<Member> assignableMembers(Grants viewer, ConversationId id) {
        Conversation conversation = find(viewer, id).orElseThrow(() -> new NotFound("conversation"));
        if (!viewer.has(Permission.CONVERSATIONS_ASSIGN)) {
            return List.of();
        }
        return accounts.listMembers(viewer.workspaceId())
            .stream()
            .filter(Member::active)
            .filter(member -> access.grants(viewer.workspaceId(), member.id())
                .filter(grants -> grants.canRead(conversation.inboxId(), member.id()))
                .filter(grants -> grants.visibility() == Visibility.ALL
                        || grants.inboxes().contains(conversation.inboxId()) || member.id().equals(viewer.memberId()))
                .isPresent())
            .sorted(Comparator.comparing((Member member) -> !member.id().equals(viewer.memberId()))
                .thenComparing(Member::displayName, String.CASE_INSENSITIVE_ORDER))
            .toList();
    }

    /**
     * Adds an internal note to a conversation the member can reply in: for members only,
     * never sent to the visitor. Idempotent per author and {@code clientMsgId}; a note
     * obeys the rules of a message ({@code note_too_long}, ...). Publishes
     * {@link NoteAdded} once committed-to.
     */
    @Transactional
    public Note addNote(Grants author, ConversationId conversationId, String clientMsgId, String text) {
        Conversation conversation = lockReadable(author, conversationId);
        author.require(Permission.CONVERSATIONS_REPLY);
        MessageRules.checkNote(clientMsgId, text);
        Redaction redaction = redactor.redact(author.workspaceId(), text);
        String authorName = nameOf(author);
        var existing = notes.find(author.workspaceId(), conversationId, author.memberId(), clientMsgId);
        if (existing.isPresent()) {
            if (!existing.get().text().equals(redaction.text())) {
                throw new Rejected("client_msg_id_conflict", "This clientMsgId was already used for another note.");
            }
            return toNote(author.workspaceId(), existing.get(), authorName);
        }
        Notes.StoredNote stored = new Notes.StoredNote(UUID.randomUUID(), conversationId, clientMsgId,
                author.memberId(), redaction.text(), Timestamps.now(clock));
        notes.insert(author.workspaceId(), stored);
        if (redaction.changed()) {
            events.publishEvent(redaction.event(author.workspaceId(), AuditActor.member(author.memberId()),
                    "conversation", conversationId, "note"));
        }
        Note note = toNote(author.workspaceId(), stored, authorName);
        events.publishEvent(new NoteAdded(note, conversation));
        callAttention(author, conversation, note);
        return note;
    }

    /**
     * The conversation's latest internal notes (at most {@link #MAX_BATCH}), oldest
     * first, if the member can read it.
     */
    @Transactional(readOnly = true)
    public List<Note> notes(Grants viewer, ConversationId conversationId) {
        find(viewer, conversationId).orElseThrow(() -> new NotFound("conversation"));
        Map<MemberId, String> names = new HashMap<>();
        return notes.latest(viewer.workspaceId(), conversationId, MAX_BATCH)
            .stream()
            .map(n -> toNote(viewer.workspaceId(), n,
                    names.computeIfAbsent(n.author(), id -> agentName(viewer.workspaceId(), id))))
            .toList();
    }

    /**
     * Blocks the contact of a conversation the member can read, or lifts its block (see
     * {@link ContactManagement#setBlocked}): the widget then ends the contact's chat
     * sessions and refuses new ones. Nothing about the conversation itself changes.
     * Returns whether anything changed.
     */
    @Transactional
    public boolean setContactBlocked(Grants actor, ConversationId id, boolean blocked) {
        Conversation conversation = find(actor, id).orElseThrow(() -> new NotFound("conversation"));
        actor.require(Permission.CONTACTS_BLOCK);
        return contacts.setBlocked(actor.workspaceId(), conversation.contactId(), actor.memberId(), blocked);
    }

    /** How many conversations and messages a purge deleted. */
    @NamedInterface("api")
    public record Purged(int conversations, long messages) {
    }

    /**
     * Deletes the conversations (of the workspace; unknown ids are skipped) with their
     * messages, notes, labels (the labels themselves stay) and read markers. The caller
     * decided that they go (a retention window ran out, their contact is erased) and
     * authorised it. Their rows are locked first, so a message being posted to one of
     * them commits before (and goes with it) or finds it gone;
     * {@link ConversationsPurged} is published before the rows go, so the modules that
     * keep things of them (attachments) delete theirs in this transaction.
     */
    @Transactional
    public Purged purge(WorkspaceId workspaceId, Collection<ConversationId> ids) {
        List<UUID> locked = conversations.lockAll(workspaceId, ids.stream().map(ConversationId::value).toList());
        if (locked.isEmpty()) {
            return new Purged(0, 0);
        }
        events.publishEvent(new ConversationsPurged(workspaceId, locked.stream().map(ConversationId::new).toList()));
        notes.deleteOf(workspaceId, locked);
        labels.deleteOf(workspaceId, locked);
        long messages = conversations.delete(workspaceId, locked);
        return new Purged(locked.size(), messages);
    }

    /** The contact's conversations, in every inbox, oldest first. */
    @Transactional(readOnly = true)
    public List<Conversation> ofContact(WorkspaceId workspaceId, ContactId contactId) {
        return conversations.ofContact(workspaceId, contactId);
    }

    /**
     * A page of the workspace's conversations, by id, after {@code after} (null: the
     * first).
     */
    @Transactional(readOnly = true)
    public List<Conversation> page(WorkspaceId workspaceId, ConversationId after, int limit) {
        return conversations.page(workspaceId, after == null ? new UUID(0, 0) : after.value(), limit);
    }

    /** Which retention window selects a conversation. */
    @NamedInterface("api")
    public enum Retention {

        /** Resolved before the cutoff. */
        RESOLVED,

        /** No message since the cutoff (or none at all, and opened before it). */
        INACTIVE

    }

    /**
     * A batch of the inbox's conversations past the cutoff of one retention window, by id
     * after {@code after} (null: from the first).
     */
    @Transactional(readOnly = true)
    public List<Conversation> pastRetention(WorkspaceId workspaceId, InboxId inboxId, Retention window, Instant cutoff,
            ConversationId after, int limit) {
        return conversations.retained(workspaceId, inboxId, window == Retention.RESOLVED, cutoff,
                after == null ? new UUID(0, 0) : after.value(), limit);
    }

    /**
     * How many of the inbox's conversations are past the cutoff of one retention window.
     */
    @Transactional(readOnly = true)
    public long countPastRetention(WorkspaceId workspaceId, InboxId inboxId, Retention window, Instant cutoff) {
        return conversations.countRetained(workspaceId, inboxId, window == Retention.RESOLVED, cutoff);
    }

    /** How many messages the conversations hold. */
    @Transactional(readOnly = true)
    public long countMessages(WorkspaceId workspaceId, Collection<ConversationId> ids) {
        return conversations.countMessages(workspaceId, ids.stream().map(ConversationId::value).toList());
    }

    /**
     * Hands {@code sink} the timing of every conversation of the inboxes created in
     * {@code [from, to)} or resolved in it (ids and times, never a body), one at a time
     * from a streamed query; the caller has checked that the inboxes are the reader's to
     * report on. First responses are found only for the conversations created in the
     * period.
     */
    @Transactional(readOnly = true)
    public void timings(WorkspaceId workspaceId, Collection<InboxId> inboxes, Instant from, Instant to,
            Consumer<ConversationTiming> sink) {
        timings.stream(workspaceId, inboxes, from, to, sink);
    }

    /** Which of the contacts have at least one conversation. */
    @Transactional(readOnly = true)
    public Set<ContactId> contactsWithConversations(WorkspaceId workspaceId, Collection<ContactId> contacts) {
        return conversations.contactsWithConversations(workspaceId, contacts.stream().map(ContactId::value).toList())
            .stream()
            .map(ContactId::new)
            .collect(Collectors.toSet());
    }

    /** An erased contact's conversations go with it, in the erasing transaction. */
    @EventListener
    @Order(10)
    void on(ContactErased erased) {
        purge(erased.workspaceId(),
                conversations.ofContact(erased.workspaceId(), erased.contactId())
                    .stream()
                    .map(Conversation::id)
                    .toList());
    }

    /** Locks the conversation for a change, if the member can read it. */
    private Conversation lockReadable(Grants actor, ConversationId id) {
        return conversations.lock(actor.workspaceId(), id)
            .filter(c -> actor.canRead(c.inboxId(), c.assignee()))
            .orElseThrow(() -> new NotFound("conversation"));
    }

    private String nameOf(Grants member) {
        return agentName(member.workspaceId(), member.memberId());
    }

    private static Note toNote(WorkspaceId workspaceId, Notes.StoredNote n, String authorName) {
        return new Note(n.id(), workspaceId, n.conversationId(), n.clientMsgId(), n.author(), authorName, n.text(),
                n.createdAt());
    }

    private Conversation open(WorkspaceId workspaceId, InboxId inboxId, ContactId contactId) {
        Conversation conversation = Conversation.opened(workspaceId, inboxId, contactId, Timestamps.now(clock));
        conversations.insert(conversation);
        return conversation;
    }

    /**
     * Called with the conversation row locked, with the text as the redactor made it: the
     * redacted text is what is stored, compared with a resent message's, and fanned out.
     */
    private PostResult post(Conversation conversation, AuthorKind kind, MemberId authorMember, String authorName,
            String clientMsgId, Redaction redaction, MessageFile file, AuditActor actor) {
        String text = redaction.text();
        var existing = conversations.findMessage(conversation.workspaceId(), conversation.id(), clientMsgId);
        if (existing.isPresent()) {
            Conversations.StoredMessage stored = existing.get();
            if (stored.authorKind() != kind || !Objects.equals(stored.authorMember(), authorMember)
                    || !stored.text().equals(text) || !Objects.equals(stored.file(), file)) {
                throw new Rejected("client_msg_id_conflict", "This clientMsgId was already used for another message.");
            }
            return new PostResult(toMessage(conversation, stored, authorName), true);
        }
        Instant now = Timestamps.now(clock);
        long seq = conversation.lastSeq() + 1;
        Conversation updated = conversation.posted(seq, now, kind);
        Conversations.StoredMessage stored = new Conversations.StoredMessage(UUID.randomUUID(), seq, clientMsgId, kind,
                authorMember, text, now, file, redaction.total());
        conversations.update(updated, now);
        conversations.insertMessage(conversation.workspaceId(), conversation.id(), stored);
        if (redaction.changed()) {
            events.publishEvent(redaction.event(conversation.workspaceId(), actor, "conversation", conversation.id(),
                    file == null ? "message" : "file_name"));
        }
        Message message = toMessage(updated, stored, authorName);
        events.publishEvent(new MessagePosted(message, updated));
        events.publishEvent(new ConversationChanged(updated));
        return new PostResult(message, false);
    }

    private String agentName(WorkspaceId workspaceId, MemberId memberId) {
        return accounts.findMember(workspaceId, memberId).map(Member::displayName).orElse("Former member");
    }

    private static Message toMessage(Conversation conversation, Conversations.StoredMessage m, String authorName) {
        return new Message(conversation.workspaceId(), conversation.id(), m.seq(), m.clientMsgId(), m.authorKind(),
                authorName, m.text(), m.sentAt(), m.file(), m.redactions());
    }

    private static String preview(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.codePointCount(0, oneLine.length()) <= PREVIEW_LENGTH ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, PREVIEW_LENGTH)) + "…";
    }

}
