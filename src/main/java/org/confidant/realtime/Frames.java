package org.confidant.realtime;

import java.util.Map;
import java.util.regex.Pattern;

import org.confidant.conversation.AttentionCalled;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationChanged;
import org.confidant.conversation.Message;
import org.confidant.conversation.Note;
import org.confidant.conversation.PostResult;
import org.confidant.identity.NotificationPreferences;
import org.confidant.privacy.ConsentMode;
import org.confidant.privacy.InboxPrivacy;
import org.confidant.routing.MemberStatusChanged;
import org.confidant.shared.RateLimited;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessionsRevoked;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading and writing the protocol's JSON frames (see {@code docs/protocol.md}). Frames
 * are read with the application's one strict JSON mapper (see {@code system.StrictJson}):
 * duplicate keys, unknown fields and values of the wrong JSON type (no coercion of
 * numbers to text or of text to numbers) are {@code bad_frame}, and text that is not
 * well-formed Unicode anywhere in a frame is {@code malformed_text}, before any handler
 * sees it. Every frame written is checked to have a UTF-8 form once, before it is handed
 * to any socket.
 */
@Component
class Frames {

    /**
     * The {@code clientMsgId}s an error frame echoes: only well-formed ones (see
     * {@code MessageRules}).
     */
    private static final Pattern ECHOED_CLIENT_MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final JsonMapper json;

    Frames(JsonMapper json) {
        this.json = json;
    }

    /**
     * Parses a client frame: one JSON object with a string {@code type}, no key twice;
     * else {@code bad_frame}.
     */
    JsonNode parse(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        }
        catch (JacksonException e) {
            throw new Rejected("bad_frame", "A frame is one JSON object, each key at most once.");
        }
        if (node == null || !node.isObject() || !node.path("type").isString()) {
            throw new Rejected("bad_frame", "A frame is one JSON object with a string \"type\".");
        }
        return node;
    }

    /**
     * Refuses a parsed frame holding text that is not well-formed Unicode in a name or
     * value: {@code malformed_text}.
     */
    static void requireWellFormed(JsonNode frame) {
        requireWellFormed(frame, null);
    }

    /**
     * Binds a parsed frame to its type's record: every field but {@code type} must be one
     * of the record's, of its JSON type ({@code bad_frame} naming the field otherwise).
     */
    <F> F bind(JsonNode frame, Class<F> type) {
        ObjectNode fields = ((ObjectNode) frame).deepCopy();
        fields.remove("type");
        try {
            return json.treeToValue(fields, type);
        }
        catch (UnrecognizedPropertyException e) {
            throw new Rejected("bad_frame", "This frame has no field \"" + e.getPropertyName() + "\".");
        }
        catch (DatabindException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().getFirst().getPropertyName();
            throw new Rejected("bad_frame", field == null ? "A field of this frame has the wrong type."
                    : "\"" + field + "\" has the wrong type.");
        }
        catch (JacksonException e) {
            throw new Rejected("bad_frame", "A field of this frame has the wrong type.");
        }
    }

    /** A sequence number field: 0 when absent, {@code bad_frame} when negative. */
    static long sequence(Long value, String field) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw new Rejected("bad_frame", "\"" + field + "\" must be a whole number of 0 or more.");
        }
        return value;
    }

    /** The frame's {@code clientMsgId}, if it is one an error frame may echo. */
    static String clientMsgIdOf(JsonNode frame) {
        JsonNode value = frame.get("clientMsgId");
        return value != null && value.isString() && ECHOED_CLIENT_MSG_ID.matcher(value.stringValue()).matches()
                ? value.stringValue() : null;
    }

    private static void requireWellFormed(JsonNode node, String field) {
        if (node.isString()) {
            if (!Text.isWellFormed(node.stringValue())) {
                throw Text.malformed(field == null ? "a value" : "\"" + field + "\"");
            }
        }
        else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!Text.isWellFormed(entry.getKey())) {
                    throw Text.malformed("a field name");
                }
                requireWellFormed(entry.getValue(), field == null ? entry.getKey() : field);
            }
        }
        else if (node.isArray()) {
            for (JsonNode element : node) {
                requireWellFormed(element, field);
            }
        }
    }

    /**
     * Serialises a frame, once, before it is handed to any socket. A frame without a
     * UTF-8 form (text holding a lone surrogate, which every entry point refuses) is
     * never sent: {@link UnsendableFrame}, and no socket is touched.
     */
    String write(Object frame) {
        String text = json.writeValueAsString(frame);
        if (!Text.isWellFormed(text)) {
            throw new UnsendableFrame();
        }
        return text;
    }

    /** A frame that could not be sent to any socket (it has no UTF-8 form). */
    static final class UnsendableFrame extends IllegalStateException {

        UnsendableFrame() {
            super("a frame holds text that is not well-formed Unicode; it was not sent");
        }

    }

    String message(Message m) {
        return write(new MessageFrame("message", m.conversationId().toString(), m.seq(), m.clientMsgId(),
                new Author(m.authorKind().name().toLowerCase(), m.authorName()), m.text(), m.sentAt().toString(),
                m.file() == null ? null : new FileField(m.file().attachmentId().toString(), m.text(),
                        m.file().contentType(), m.file().size()),
                m.redacted() ? Boolean.TRUE : null));
    }

    String ack(PostResult result) {
        Message m = result.message();
        return write(new AckFrame("ack", m.clientMsgId(), m.conversationId().toString(), m.seq(), m.sentAt().toString(),
                result.duplicate()));
    }

    String synced(String conversation, long lastSeq, boolean more) {
        return write(new SyncedFrame("synced", conversation, lastSeq, more));
    }

    /**
     * A conversation's new state; {@code change}, when a member made it, says who did
     * what (for the dashboard to say so in place).
     */
    String conversationChanged(Conversation c, ConversationChanged.Change change) {
        return write(new ConversationChangedFrame("conversation.changed", c.id().toString(),
                c.status().name().toLowerCase(), c.assignee() == null ? null : c.assignee().toString(), c.lastSeq(),
                change == null ? null
                        : new ChangeField(change.kind().name().toLowerCase(),
                                new Member(change.by() == null ? null : change.by().toString(), change.byName()),
                                change.assigneeName())));
    }

    /**
     * What colleagues now see of a member: {@code online}, {@code away} or
     * {@code offline}.
     */
    String status(MemberStatusChanged changed) {
        return write(new StatusFrame("status", changed.memberId().toString(), changed.status().key()));
    }

    /** An internal note, for the agents watching its conversation. */
    String note(Note n) {
        return write(new NoteFrame("note", n.conversationId().toString(), n.id().toString(), n.clientMsgId(),
                new Member(n.authorMember().toString(), n.authorName()), n.text(), n.createdAt().toString()));
    }

    /**
     * Someone is writing: to the agents watching the conversation ({@code from}
     * {@code visitor}) or to its visitor ({@code from} {@code agent}). Never any text.
     */
    String typing(String conversation, String from) {
        return write(new TypingFrame("typing", conversation, from));
    }

    /** The answer to an agent's {@code note.send}: the note is stored. */
    String noteAck(Note n) {
        return write(new NoteAckFrame("note.ack", n.clientMsgId(), n.conversationId().toString(), n.id().toString(),
                n.createdAt().toString()));
    }

    /**
     * Something new for a member to notice: a new conversation ({@code event}
     * {@code conversation}) or a visitor's message ({@code message}), naming the inbox
     * and the contact; {@code text} only in the form for members who turned previews on.
     */
    String notify(Message m, String inboxName, boolean withText) {
        return write(new NotifyFrame("notify", m.seq() == 1 ? "conversation" : "message", m.conversationId().toString(),
                inboxName, m.authorName(), withText ? m.text() : null));
    }

    /**
     * A member's attention called to a conversation: {@code event} {@code mention} (with
     * the note's {@code text} in the previews form), {@code assigned} or
     * {@code reassigned}, {@code by} whom.
     */
    String attention(AttentionCalled a, String inboxName, boolean withText) {
        String event = switch (a.reason()) {
            case MENTIONED -> "mention";
            case ASSIGNED -> "assigned";
            case REASSIGNED -> "reassigned";
        };
        return write(new AttentionFrame("notify", event, a.conversation().id().toString(), inboxName, a.contactName(),
                a.byName(), withText ? a.text() : null));
    }

    /**
     * The sound and preview preferences of the member, for the dashboard: in the
     * {@code welcome} and whenever the member changes them.
     */
    String preferences(NotificationPreferences p) {
        return write(new PreferencesFrame("preferences", p.sound(), p.previews()));
    }

    /** Tells a dashboard that the member's access changed: it reloads what it shows. */
    String accessChanged() {
        return "{\"type\":\"access.changed\"}";
    }

    /**
     * The error frame a visitor socket gets before it is closed because its sessions were
     * revoked.
     */
    String revoked(VisitorSessionsRevoked.Reason reason) {
        return switch (reason) {
            case BLOCKED -> error("visitor_blocked", "This chat is not available to you.", null);
            case ERASED, WORKSPACE_CANCELLED -> error("chat_ended", "This chat has ended.", null);
            case CONSENT_WITHDRAWN -> error("consent_withdrawn",
                    "You withdrew your consent: this chat has ended and what it kept about you is being deleted.",
                    null);
        };
    }

    /**
     * What a new visitor of an inbox that asks for consent is shown before anything about
     * them is kept: the business's notice, its version (which the visitor's next
     * {@code hello} names), whether starting to write counts as consent, and the
     * business's privacy policy.
     */
    String consent(InboxPrivacy privacy) {
        return write(new ConsentFrame("consent", privacy.notice(), privacy.noticeVersion(),
                privacy.consent() == ConsentMode.IMPLIED, privacy.policyUrl()));
    }

    record ConsentFrame(String type, String notice, int version, boolean implied, String policy) {
    }

    /** A renewed visitor token, for the chat to keep in place of the one it has. */
    String token(VisitorSession session) {
        return write(new TokenFrame("token", session.token(), session.expiresAt().toString()));
    }

    /** An error frame; what it repeats of the client's input is made sendable first. */
    String error(String code, String message, String clientMsgId) {
        return write(new ErrorFrame("error", code, Text.replaceMalformed(message), Text.replaceMalformed(clientMsgId)));
    }

    /**
     * The error frame of a spent budget: {@code rate_limited}, with the seconds to wait
     * in {@code retryAfter}.
     */
    String rateLimited(RateLimited limited, String clientMsgId) {
        return write(new RateLimitedFrame("error", "rate_limited", limited.getMessage(),
                Text.replaceMalformed(clientMsgId), limited.retryAfterSeconds()));
    }

    record TokenFrame(String type, String token, String expiresAt) {
    }

    record RateLimitedFrame(String type, String code, String message, String clientMsgId, long retryAfter) {
    }

    record Author(String kind, String name) {
    }

    record NotifyFrame(String type, String event, String conversation, String inbox, String contact,
            @JsonInclude(JsonInclude.Include.NON_NULL) String text) {
    }

    record AttentionFrame(String type, String event, String conversation, String inbox, String contact, String by,
            @JsonInclude(JsonInclude.Include.NON_NULL) String text) {
    }

    record PreferencesFrame(String type, boolean sound, boolean previews) {
    }

    /**
     * A file message's {@code attachment}: absent from text messages; {@code redacted}:
     * present (true) only when the redactor removed something from the text.
     */
    record MessageFrame(String type, String conversation, long seq, String clientMsgId, Author author, String text,
            String sentAt, @JsonInclude(JsonInclude.Include.NON_NULL) FileField attachment,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean redacted) {
    }

    /**
     * The file a message carries; its content is fetched through a signed link (see
     * docs/protocol.md).
     */
    record FileField(String id, String name, String type, long size) {
    }

    record AckFrame(String type, String clientMsgId, String conversation, long seq, String sentAt, boolean duplicate) {
    }

    record SyncedFrame(String type, String conversation, long lastSeq, boolean more) {
    }

    record ConversationChangedFrame(String type, String conversation, String status, String assignee, long lastSeq,
            @JsonInclude(JsonInclude.Include.NON_NULL) ChangeField change) {
    }

    /** What a member did to a conversation: {@code kind}, {@code by} whom. */
    record ChangeField(String kind, Member by, @JsonInclude(JsonInclude.Include.NON_NULL) String assigneeName) {
    }

    /** {@code id} is null for the system (round-robin routing). */
    record StatusFrame(String type, String member, String status) {
    }

    record Member(@Nullable String id, String name) {
    }

    record NoteFrame(String type, String conversation, String id, String clientMsgId, Member author, String text,
            String createdAt) {
    }

    record TypingFrame(String type, String conversation, String from) {
    }

    record NoteAckFrame(String type, String clientMsgId, String conversation, String id, String createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorFrame(String type, String code, String message, String clientMsgId) {
    }

}
