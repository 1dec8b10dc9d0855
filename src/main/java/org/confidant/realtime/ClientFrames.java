package org.confidant.realtime;

/**
 * The frames clients send, one record per frame type, as {@link Frames#bind} reads them:
 * the fields each type may carry besides {@code type}, and their JSON types. A field that
 * is not here is refused, as is a value of another JSON type (a number where text
 * belongs, text where a number belongs); an absent field is null. See
 * {@code docs/protocol.md}.
 */
final class ClientFrames {

    private ClientFrames() {
    }

    /** {@code ping}: nothing but its type. */
    record Ping() {
    }

    /**
     * {@code hello} (visitor): the inbox, the visitor token to resume, the host page's
     * origin, an identity token, a new visitor's consent ({@code explicit} or
     * {@code implied}) to the notice of version {@code notice}, and, for the agent's side
     * panel only, the path of the host page ({@code page}) and the visitor's time zone
     * ({@code zone}).
     */
    record Hello(String inbox, String token, String host, String identity, String consent, Long notice, String page,
            String zone) {
    }

    /**
     * {@code consent.withdraw} (visitor): nothing but its type; the visitor withdraws
     * their consent.
     */
    record Withdraw() {
    }

    /**
     * {@code sync} (visitor) and {@code watch} (agent): a conversation, and the sequence
     * number to start after.
     */
    record Catchup(String conversation, Long after) {
    }

    /**
     * {@code message.send} of a visitor: the id and text. It names no conversation: a
     * visitor writes into their own, which the socket already knows.
     */
    record VisitorSend(String clientMsgId, String text) {
    }

    /**
     * {@code message.send} of an agent: the conversation (any the member may reply to),
     * id and text.
     */
    record Send(String conversation, String clientMsgId, String text) {
    }

    /**
     * {@code note.send} (agent): an internal note for the conversation's members, id and
     * text.
     */
    record NoteSend(String conversation, String clientMsgId, String text) {
    }

    /**
     * {@code typing} (agent): the member is writing in this conversation. It carries no
     * text: the server never sees what is not sent.
     */
    record Typing(String conversation) {
    }

    /**
     * {@code typing} (visitor): the visitor is writing in their conversation; no text, no
     * conversation (the socket knows it).
     */
    record VisitorTyping() {
    }

    /** {@code read} (agent): how far the agent has read. */
    record Read(String conversation, Long seq) {
    }

}
