package org.confidant.conversation;

/** A committed message; {@code duplicate} when it had been stored before under the same {@code clientMsgId}. */
public record PostResult(Message message, boolean duplicate) {
}
