package org.confidant.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out: frames are parsed with Jackson; the few frames we send are written by hand (plain ASCII ids). */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    static String write(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    /** The widget's hello, as its iframe sends it: the inbox, the origin of the page embedding it, its token. */
    static String hello(String inbox, String token) {
        String head = "{\"type\":\"hello\",\"inbox\":\"" + inbox + "\",\"host\":\"" + Workspace.HOST_PAGE_ORIGIN + "\"";
        return token == null ? head + "}" : head + ",\"token\":\"" + token + "\"}";
    }

    /** A visitor's message.send (into their own conversation). */
    static String visitorSend(String clientMsgId, String text) {
        return "{\"type\":\"message.send\",\"clientMsgId\":\"" + clientMsgId + "\",\"text\":\"" + text + "\"}";
    }

    static String agentSend(String conversation, String clientMsgId, String text) {
        return "{\"type\":\"message.send\",\"conversation\":\"" + conversation + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"text\":\"" + text + "\"}";
    }

    static String sync(String conversation, long after) {
        return "{\"type\":\"sync\",\"conversation\":\"" + conversation + "\",\"after\":" + after + "}";
    }

    static String watch(String conversation, long after) {
        return "{\"type\":\"watch\",\"conversation\":\"" + conversation + "\",\"after\":" + after + "}";
    }

    /** The string value of {@code "name":"..."} in a frame the server wrote (no escapes in ids), or null. */
    static String stringField(String text, String name) {
        String key = "\"" + name + "\":\"";
        int at = text.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        int to = text.indexOf('"', from);
        return to < 0 ? null : text.substring(from, to);
    }

    /** The value of {@code "name":123} (a non-negative integer) in a frame the server wrote, or -1. */
    static long longField(String text, String name) {
        String key = "\"" + name + "\":";
        int at = text.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int from = at + key.length();
        int to = from;
        while (to < text.length() && Character.isDigit(text.charAt(to))) {
            to++;
        }
        return to == from ? -1 : Long.parseLong(text.substring(from, to));
    }

    static final String CHANGED_PREFIX = "{\"type\":\"conversation.changed\"";

    static final String PING = "{\"type\":\"ping\"}";
}
