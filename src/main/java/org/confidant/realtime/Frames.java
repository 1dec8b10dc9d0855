package org.confidant.realtime;

import org.confidant.conversation.Conversation;
import org.confidant.conversation.Message;
import org.confidant.conversation.PostResult;
import org.confidant.shared.RateLimited;
import org.confidant.shared.Rejected;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessionsRevoked;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading and writing the protocol's JSON frames (see {@code docs/protocol.md}). */
@Component
class Frames {

    private final JsonMapper json;

    Frames(JsonMapper json) {
        this.json = json;
    }

    /** Parses a client frame: a JSON object with a string {@code type}; anything else is {@code bad_frame}. */
    JsonNode parse(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new Rejected("bad_frame", "A frame is one JSON object.");
        }
        if (node == null || !node.isObject() || !node.path("type").isString()) {
            throw new Rejected("bad_frame", "A frame is one JSON object with a string \"type\".");
        }
        return node;
    }

    /** A string field, null when absent or null; {@code bad_frame} when of another type. */
    static String string(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new Rejected("bad_frame", "\"" + field + "\" must be a string.");
        }
        return value.stringValue();
    }

    /** A non-negative whole number field, 0 when absent. */
    static long sequence(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new Rejected("bad_frame", "\"" + field + "\" must be a whole number of 0 or more.");
        }
        return value.longValue();
    }

    String write(Object frame) {
        return json.writeValueAsString(frame);
    }

    String message(Message m) {
        return write(new MessageFrame("message", m.conversationId().toString(), m.seq(), m.clientMsgId(),
                new Author(m.authorKind().name().toLowerCase(), m.authorName()), m.text(), m.sentAt().toString(),
                m.file() == null ? null : new FileField(m.file().attachmentId().toString(), m.text(),
                        m.file().contentType(), m.file().size())));
    }

    String ack(PostResult result) {
        Message m = result.message();
        return write(new AckFrame("ack", m.clientMsgId(), m.conversationId().toString(), m.seq(), m.sentAt().toString(),
                result.duplicate()));
    }

    String synced(String conversation, long lastSeq, boolean more) {
        return write(new SyncedFrame("synced", conversation, lastSeq, more));
    }

    String conversationChanged(Conversation c) {
        return write(new ConversationChangedFrame("conversation.changed", c.id().toString(),
                c.status().name().toLowerCase(), c.assignee() == null ? null : c.assignee().toString(), c.lastSeq()));
    }

    /** Tells a dashboard that the member's access changed: it reloads what it shows. */
    String accessChanged() {
        return "{\"type\":\"access.changed\"}";
    }

    /** The error frame a visitor socket gets before it is closed because its sessions were revoked. */
    String revoked(VisitorSessionsRevoked.Reason reason) {
        return switch (reason) {
            case BLOCKED -> error("visitor_blocked", "This chat is not available to you.", null);
        };
    }

    /** A renewed visitor token, for the chat to keep in place of the one it has. */
    String token(VisitorSession session) {
        return write(new TokenFrame("token", session.token(), session.expiresAt().toString()));
    }

    String error(String code, String message, String clientMsgId) {
        return write(new ErrorFrame("error", code, message, clientMsgId));
    }

    /** The error frame of a spent budget: {@code rate_limited}, with the seconds to wait in {@code retryAfter}. */
    String rateLimited(RateLimited limited, String clientMsgId) {
        return write(new RateLimitedFrame("error", "rate_limited", limited.getMessage(), clientMsgId,
                limited.retryAfterSeconds()));
    }

    record TokenFrame(String type, String token, String expiresAt) {
    }

    record RateLimitedFrame(String type, String code, String message, String clientMsgId, long retryAfter) {
    }

    record Author(String kind, String name) {
    }

    /** A file message's {@code attachment}: absent from text messages. */
    record MessageFrame(String type, String conversation, long seq, String clientMsgId, Author author, String text,
            String sentAt, @JsonInclude(JsonInclude.Include.NON_NULL) FileField attachment) {
    }

    /** The file a message carries; its content is fetched through a signed link (see docs/protocol.md). */
    record FileField(String id, String name, String type, long size) {
    }

    record AckFrame(String type, String clientMsgId, String conversation, long seq, String sentAt, boolean duplicate) {
    }

    record SyncedFrame(String type, String conversation, long lastSeq, boolean more) {
    }

    record ConversationChangedFrame(String type, String conversation, String status, String assignee, long lastSeq) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorFrame(String type, String code, String message, String clientMsgId) {
    }
}
