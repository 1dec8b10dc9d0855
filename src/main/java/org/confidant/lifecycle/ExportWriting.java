package org.confidant.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.confidant.attachment.Attachment;
import org.confidant.conversation.AuthorKind;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.Message;
import org.confidant.conversation.MessageMarkdown;
import org.confidant.privacy.Consent;

/**
 * How exports write what they hold: the JSON objects of {@code docs/export-format.md} (as
 * maps, in the documented order) and the readable transcript, whose HTML is built from
 * the markdown subset's segments with every text escaped: no markup a person typed ever
 * reaches it, links are only the http, https and mailto ones the subset allows, and the
 * document's own policy lets nothing load or run.
 */
final class ExportWriting {

    private ExportWriting() {
    }

    /**
     * The name under which a file is put in the ZIP: its id and a safe form of its name.
     */
    static String filePath(Attachment file) {
        String safe = file.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 80) {
            safe = safe.substring(safe.length() - 80);
        }
        return file.id() + "-" + (safe.isBlank() || safe.startsWith(".") ? "file" + safe : safe);
    }

    static Map<String, Object> conversation(Conversation c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id().toString());
        json.put("inboxId", c.inboxId().toString());
        json.put("contactId", c.contactId().toString());
        json.put("status", c.status().name().toLowerCase());
        json.put("createdAt", string(c.createdAt()));
        json.put("lastMessageAt", string(c.lastMessageAt()));
        return json;
    }

    static Map<String, Object> message(Message m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("conversationId", m.conversationId().toString());
        json.put("seq", m.seq());
        json.put("author", m.authorKind() == AuthorKind.VISITOR ? "visitor" : "agent");
        json.put("authorName", m.authorName());
        json.put("text", m.text());
        json.put("sentAt", string(m.sentAt()));
        if (m.file() == null) {
            json.put("file", null);
        }
        else {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("attachmentId", m.file().attachmentId().toString());
            file.put("type", m.file().contentType());
            file.put("size", m.file().size());
            json.put("file", file);
        }
        return json;
    }

    /**
     * A file's description; {@code path} is where its content is in the ZIP, null when
     * its content was deleted.
     */
    static Map<String, Object> file(Attachment a, boolean included) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.id().toString());
        json.put("conversationId", a.conversationId().toString());
        json.put("name", a.fileName());
        json.put("type", a.contentType());
        json.put("size", a.size());
        json.put("uploadedAt", string(a.createdAt()));
        json.put("uploadedBy", a.uploaderKind() == AuthorKind.VISITOR ? "visitor" : "agent");
        json.put("deleted", a.deleted());
        json.put("path", included ? "attachments/" + filePath(a) : null);
        return json;
    }

    /** A contact's consent records: to which inbox's notice, how, which version, when. */
    static List<Map<String, Object>> consents(List<Consent> consents) {
        return consents.stream().map(c -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("inboxId", c.inboxId().toString());
            json.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            json.put("noticeVersion", c.noticeVersion());
            json.put("givenAt", c.givenAt().toString());
            return json;
        }).toList();
    }

    static String transcriptHead(String contactName) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                + "<title>Conversations of " + escape(contactName) + "</title></head>\n<body>\n<h1>Conversations of "
                + escape(contactName) + "</h1>\n";
    }

    static String transcriptTail() {
        return "</body></html>\n";
    }

    /** One conversation of the transcript. */
    static String transcript(Conversation c, List<Message> messages) {
        StringBuilder html = new StringBuilder();
        html.append("<section><h2>Conversation of ")
            .append(escape(string(c.createdAt())))
            .append(" (")
            .append(escape(c.status().name().toLowerCase()))
            .append(")</h2>\n<ol>\n");
        for (Message m : messages) {
            html.append("<li><p><strong>")
                .append(escape(m.authorName()))
                .append("</strong> <time>")
                .append(escape(string(m.sentAt())))
                .append("</time></p><p>");
            if (m.file() != null) {
                html.append("File: ").append(escape(m.text()));
            }
            else {
                for (MessageMarkdown.Segment segment : m.segments()) {
                    html.append(segment(segment));
                }
            }
            html.append("</p></li>\n");
        }
        return html.append("</ol></section>\n").toString();
    }

    private static String segment(MessageMarkdown.Segment s) {
        return switch (s.kind()) {
            case TEXT -> escape(s.text());
            case BOLD -> "<strong>" + escape(s.text()) + "</strong>";
            case ITALIC -> "<em>" + escape(s.text()) + "</em>";
            case CODE -> "<code>" + escape(s.text()) + "</code>";
            case LINK -> {
                String href = MessageMarkdown.safeHref(s.href());
                yield href == null ? escape(s.text()) : "<a href=\"" + escape(href)
                        + "\" rel=\"noopener noreferrer nofollow\">" + escape(s.text()) + "</a>";
            }
            case BREAK -> "<br>";
        };
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

}
