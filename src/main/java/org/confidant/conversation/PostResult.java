package org.confidant.conversation;

import org.springframework.modulith.NamedInterface;

/**
 * A committed message; {@code duplicate} when it had been stored before under the same
 * {@code clientMsgId}.
 */
@NamedInterface("api")
public record PostResult(Message message, boolean duplicate) {
}
