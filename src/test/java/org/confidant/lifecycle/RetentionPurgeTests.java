package org.confidant.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationStatus;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.junit.jupiter.api.Test;

/**
 * The purge's message cap: a batch of conversations is cut into transactions holding at
 * most {@code purge-batch-messages} messages together, in order, none lost or repeated; a
 * conversation longer than the cap goes alone.
 */
class RetentionPurgeTests {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();

    private static Conversation withMessages(long messages) {
        return new Conversation(ConversationId.random(), WORKSPACE, InboxId.random(), ContactId.random(),
                ConversationStatus.RESOLVED, null, messages, null, Instant.EPOCH);
    }

    private static List<List<Long>> sizes(List<List<Conversation>> parts) {
        return parts.stream().map(part -> part.stream().map(Conversation::lastSeq).toList()).toList();
    }

    @Test
    void aBatchIsCutIntoTransactionsOfAtMostTheCapInMessages() {
        List<Conversation> batch = List.of(withMessages(100), withMessages(100), withMessages(50), withMessages(100),
                withMessages(0), withMessages(200));
        List<List<Conversation>> parts = RetentionPurge.byMessages(batch, 250);
        assertThat(sizes(parts)).containsExactly(List.of(100L, 100L, 50L), List.of(100L, 0L), List.of(200L));
        assertThat(parts.stream().flatMap(List::stream)).containsExactlyElementsOf(batch);
    }

    @Test
    void aConversationLongerThanTheCapGoesAlone() {
        List<List<Conversation>> parts = RetentionPurge
            .byMessages(List.of(withMessages(10), withMessages(5_000), withMessages(10)), 2_000);
        assertThat(sizes(parts)).containsExactly(List.of(10L), List.of(5_000L), List.of(10L));
    }

    @Test
    void anEmptyBatchMakesNoTransaction() {
        assertThat(RetentionPurge.byMessages(List.of(), 2_000)).isEmpty();
    }

}
