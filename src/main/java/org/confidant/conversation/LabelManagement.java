package org.confidant.conversation;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Labels on conversations. The workspace's labels are changed with
 * {@link Permission#LABELS_MANAGE} ({@link LabelChanged}); every member sees them, and
 * anyone who may reply in a conversation puts them on it and takes them off
 * ({@link ConversationLabelled}, and {@link ConversationChanged} of kind {@code LABELLED}
 * for the dashboards watching it). A foreign or unknown label, or a conversation outside
 * the member's scope, is not found, before any permission is checked: a refusal never
 * tells that it exists.
 */
@NamedInterface("api")
@Service
public class LabelManagement {

    /** A workspace has at most this many labels. */
    public static final int MAX_LABELS = 200;

    /** A label's name has at most this many characters (code points). */
    public static final int MAX_NAME = 40;

    private final Labels labels;

    private final Conversations conversations;

    private final AccountManagement accounts;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    LabelManagement(Labels labels, Conversations conversations, AccountManagement accounts,
            ApplicationEventPublisher events, Clock clock) {
        this.labels = labels;
        this.conversations = conversations;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /** The workspace's labels, by name. */
    @Transactional(readOnly = true)
    public List<Label> all(Grants me) {
        return labels.all(me.workspaceId());
    }

    /**
     * Adds a label: its name trimmed, 1 to {@value #MAX_NAME} characters, well-formed,
     * without control characters, unique whatever its case ({@code bad_label_name},
     * {@code label_name_taken}, {@code too_many_labels} past {@value #MAX_LABELS}).
     */
    @Transactional
    public Label add(Grants me, String name, LabelColour colour) {
        me.require(Permission.LABELS_MANAGE);
        String trimmed = checkedName(name);
        if (labels.count(me.workspaceId()) >= MAX_LABELS) {
            throw new Rejected("too_many_labels", "A workspace has at most " + MAX_LABELS + " labels.");
        }
        requireFree(me, trimmed, null);
        Label label = new Label(LabelId.random(), me.workspaceId(), trimmed, colour);
        labels.insert(label, Timestamps.now(clock));
        events.publishEvent(new LabelChanged(me.workspaceId(), me.memberId(), label.id(), label.name(), colour,
                LabelChanged.Change.ADDED));
        return label;
    }

    /** Renames the label or gives it another colour, under the rules of {@link #add}. */
    @Transactional
    public Label change(Grants me, LabelId id, String name, LabelColour colour) {
        find(me, id);
        me.require(Permission.LABELS_MANAGE);
        String trimmed = checkedName(name);
        requireFree(me, trimmed, id);
        Label changed = new Label(id, me.workspaceId(), trimmed, colour);
        labels.update(changed);
        events.publishEvent(
                new LabelChanged(me.workspaceId(), me.memberId(), id, trimmed, colour, LabelChanged.Change.CHANGED));
        return changed;
    }

    /** Deletes the label, taking it off every conversation that carries it. */
    @Transactional
    public void delete(Grants me, LabelId id) {
        Label label = find(me, id);
        me.require(Permission.LABELS_MANAGE);
        labels.delete(me.workspaceId(), id);
        events.publishEvent(new LabelChanged(me.workspaceId(), me.memberId(), id, label.name(), label.colour(),
                LabelChanged.Change.DELETED));
    }

    /** The label of the member's workspace; another's or an unknown one is not found. */
    @Transactional(readOnly = true)
    public Label find(Grants me, LabelId id) {
        return labels.find(me.workspaceId(), id).orElseThrow(() -> new NotFound("label"));
    }

    /** The labels of a conversation the member can read, by name. */
    @Transactional(readOnly = true)
    public List<Label> of(Grants me, ConversationId conversationId) {
        readable(me, conversationId);
        return labels.of(me.workspaceId(), me, List.of(conversationId)).getOrDefault(conversationId, List.of());
    }

    /**
     * The labels of those of the conversations the member can read, by conversation; one
     * without labels (or outside the member's scope) is absent.
     */
    @Transactional(readOnly = true)
    public Map<ConversationId, List<Label>> of(Grants me, Collection<ConversationId> conversationIds) {
        return labels.of(me.workspaceId(), me, conversationIds);
    }

    /**
     * Puts the label on a conversation the member may reply in; nothing if it is there.
     */
    @Transactional
    public void apply(Grants me, ConversationId conversationId, LabelId labelId) {
        Conversation conversation = workable(me, conversationId);
        Label label = find(me, labelId);
        if (labels.apply(me.workspaceId(), conversationId, labelId, Timestamps.now(clock))) {
            announce(me, conversation, label, true);
        }
    }

    /**
     * Takes the label off the conversation, as {@link #apply}; nothing if it is not
     * there.
     */
    @Transactional
    public void remove(Grants me, ConversationId conversationId, LabelId labelId) {
        Conversation conversation = workable(me, conversationId);
        Label label = find(me, labelId);
        if (labels.remove(me.workspaceId(), conversationId, labelId)) {
            announce(me, conversation, label, false);
        }
    }

    private void announce(Grants me, Conversation conversation, Label label, boolean applied) {
        events.publishEvent(new ConversationLabelled(me.workspaceId(), me.memberId(), conversation.id(), label.id(),
                label.name(), applied));
        String byName = accounts.findMember(me.workspaceId(), me.memberId())
            .map(Member::displayName)
            .orElse("Former member");
        events.publishEvent(new ConversationChanged(conversation,
                new ConversationChanged.Change(ConversationChanged.Kind.LABELLED, me.memberId(), byName, null)));
    }

    private Conversation readable(Grants me, ConversationId id) {
        return conversations.find(me.workspaceId(), id)
            .filter(c -> me.canRead(c.inboxId(), c.assignee()))
            .orElseThrow(() -> new NotFound("conversation"));
    }

    /** The conversation, locked, if the member may reply in it. */
    private Conversation workable(Grants me, ConversationId id) {
        Conversation conversation = conversations.lock(me.workspaceId(), id)
            .filter(c -> me.canRead(c.inboxId(), c.assignee()))
            .orElseThrow(() -> new NotFound("conversation"));
        me.require(Permission.CONVERSATIONS_REPLY);
        return conversation;
    }

    private void requireFree(Grants me, String name, @Nullable LabelId except) {
        if (labels.nameTaken(me.workspaceId(), name, except)) {
            throw new Rejected("label_name_taken", "The workspace already has a label named " + name + ".");
        }
    }

    /**
     * Whether a name may not hold the character: controls, line breaks, and the direction
     * embeddings, overrides and isolates that would make one name look like another.
     */
    private static boolean forbidden(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** The name, trimmed, if it is one. */
    static String checkedName(@Nullable String name) {
        Text.requireWellFormed(name, "the label's name");
        String trimmed = name == null ? "" : name.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < 1 || length > MAX_NAME) {
            throw new Rejected("bad_label_name", "A label's name has 1 to " + MAX_NAME + " characters.");
        }
        if (trimmed.codePoints().anyMatch(LabelManagement::forbidden)) {
            throw new Rejected("bad_label_name",
                    "A label's name is one line without control characters or direction overrides.");
        }
        return trimmed;
    }

}
