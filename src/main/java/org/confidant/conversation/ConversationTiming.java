package org.confidant.conversation;

import java.time.Instant;

import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * When things happened in one conversation, for reports: ids and times only, never a
 * message body.
 *
 * @param resolvedAt when it was resolved, if it is resolved now
 * @param assignee its assignee now (for a resolved conversation: at its resolution)
 * @param firstVisitorMessageAt its first visitor message
 * @param firstResponseAt the first agent reply after that message (internal notes are
 * kept apart from messages and never count)
 * @param firstResponder who wrote that reply
 */
@NamedInterface("api")
public record ConversationTiming(ConversationId id, InboxId inboxId, Instant createdAt, @Nullable Instant resolvedAt,
        @Nullable MemberId assignee, @Nullable Instant firstVisitorMessageAt, @Nullable Instant firstResponseAt,
        @Nullable MemberId firstResponder) {
}
