package org.confidant.reply;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saved-reply module's public API. A member uses the workspace's replies and their
 * own; only they see and change their own, and the workspace's are changed with
 * {@link Permission#REPLIES_MANAGE}. A colleague's own reply is as absent as another
 * workspace's.
 */
@Service
public class SavedReplyManagement {

    /** Where a new reply belongs. */
    public enum Scope {

        /** The workspace's, for every member ({@code replies.manage} to change). */
        WORKSPACE,
        /** The member's own. */
        PERSONAL

    }

    /** A name is what follows {@code /} in the reply box. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

    /** The variables a reply may hold, as they are written in it. */
    public static final List<String> VARIABLES = ReplyVariables.NAMES.stream().map(n -> "{{" + n + "}}").toList();

    private final SavedReplies replies;

    private final ConversationManagement conversations;

    private final ContactManagement contacts;

    private final InboxManagement inboxes;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    SavedReplyManagement(SavedReplies replies, ConversationManagement conversations, ContactManagement contacts,
            InboxManagement inboxes, ApplicationEventPublisher events, Clock clock) {
        this.replies = replies;
        this.conversations = conversations;
        this.contacts = contacts;
        this.inboxes = inboxes;
        this.events = events;
        this.clock = clock;
    }

    /** The replies the member may use, by name: the workspace's and their own. */
    @Transactional(readOnly = true)
    public List<SavedReply> usable(Grants me) {
        return replies.usableBy(me.workspaceId(), me.memberId());
    }

    /**
     * Adds a reply; refused ({@code bad_reply_name}, {@code reply_name_taken},
     * {@code reply_too_long}, {@code unknown_variable}, ...) with nothing stored.
     */
    @Transactional
    public SavedReply add(Grants me, Scope scope, String name, String body) {
        if (scope == Scope.WORKSPACE) {
            me.require(Permission.REPLIES_MANAGE);
        }
        MemberId owner = scope == Scope.PERSONAL ? me.memberId() : null;
        check(name, body);
        requireFree(me, owner, name, null);
        SavedReply reply = new SavedReply(SavedReplyId.random(), me.workspaceId(), owner, name, body,
                Timestamps.now(clock));
        replies.insert(reply, reply.updatedAt());
        events.publishEvent(new SavedReplyChanged(me.workspaceId(), me.memberId(), reply.id(), name, reply.personal(),
                SavedReplyChanged.Change.ADDED));
        return reply;
    }

    /**
     * Renames and rewrites a reply the member may change, under the rules of
     * {@link #add}.
     */
    @Transactional
    public SavedReply change(Grants me, SavedReplyId id, String name, String body) {
        SavedReply reply = changeable(me, id);
        check(name, body);
        requireFree(me, reply.owner(), name, id);
        SavedReply changed = new SavedReply(id, me.workspaceId(), reply.owner(), name, body, Timestamps.now(clock));
        replies.update(changed);
        events.publishEvent(new SavedReplyChanged(me.workspaceId(), me.memberId(), id, name, changed.personal(),
                SavedReplyChanged.Change.CHANGED));
        return changed;
    }

    @Transactional
    public void delete(Grants me, SavedReplyId id) {
        SavedReply reply = changeable(me, id);
        replies.delete(me.workspaceId(), id);
        events.publishEvent(new SavedReplyChanged(me.workspaceId(), me.memberId(), id, reply.name(), reply.personal(),
                SavedReplyChanged.Change.DELETED));
    }

    /**
     * The text of the reply {@code name} (the member's own before the workspace's) for a
     * conversation the member may answer, its variables filled in: the contact's email
     * only for a member who may read contacts, empty otherwise.
     */
    @Transactional(readOnly = true)
    public String fill(Grants me, ConversationId conversationId, String name) {
        Conversation conversation = requireAnswerable(me, conversationId);
        SavedReply reply = replies.findUsableByName(me.workspaceId(), me.memberId(), name)
            .orElseThrow(() -> new NotFound("saved reply"));
        Contact contact = contacts.find(me.workspaceId(), conversation.contactId())
            .orElseThrow(() -> new NotFound("contact"));
        String email = me.has(Permission.CONTACTS_READ) && contact.email() != null ? contact.email() : "";
        String inbox = inboxes.find(me.workspaceId(), conversation.inboxId()).map(i -> i.name()).orElse("");
        return ReplyVariables.fill(reply.body(), Map.of("contact.name", contact.displayName(), "contact.email", email,
                "agent.name", conversations.memberName(me, me.memberId()), "inbox.name", inbox));
    }

    /**
     * The conversation, if the member may answer it: not found outside their scope,
     * forbidden without {@code conversations.reply}.
     */
    @Transactional(readOnly = true)
    public Conversation requireAnswerable(Grants me, ConversationId conversationId) {
        Conversation conversation = conversations.find(me, conversationId)
            .orElseThrow(() -> new NotFound("conversation"));
        me.require(Permission.CONVERSATIONS_REPLY);
        return conversation;
    }

    /** The reply, if the member may see it; a workspace reply needs replies.manage. */
    private SavedReply changeable(Grants me, SavedReplyId id) {
        SavedReply reply = replies.findUsable(me.workspaceId(), me.memberId(), id)
            .orElseThrow(() -> new NotFound("saved reply"));
        if (!reply.personal()) {
            me.require(Permission.REPLIES_MANAGE);
        }
        return reply;
    }

    private void requireFree(Grants me, @Nullable MemberId owner, String name, @Nullable SavedReplyId except) {
        if (replies.nameTaken(me.workspaceId(), owner, name, except)) {
            throw new Rejected("reply_name_taken",
                    owner == null ? "The workspace already has a reply named " + name + "."
                            : "You already have a reply named " + name + ".");
        }
    }

    private static void check(String name, String body) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Rejected("bad_reply_name",
                    "A reply's name has 1 to 40 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or "
                            + "digit: it is what you type after /.");
        }
        Text.requireWellFormed(body, "the reply");
        if (body == null || body.isBlank()) {
            throw new Rejected("reply_empty", "A saved reply needs some text.");
        }
        if (body.codePointCount(0, body.length()) > ConversationManagement.MAX_TEXT) {
            throw new Rejected("reply_too_long",
                    "A saved reply has at most " + ConversationManagement.MAX_TEXT + " characters, like a message.");
        }
        if (body.codePoints().anyMatch(Text::isForbiddenControl)) {
            throw new Rejected("reply_control_characters", "A saved reply may not contain control characters.");
        }
        ReplyVariables.check(body);
    }

}
