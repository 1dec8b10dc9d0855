package org.confidant.conversation.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.confidant.conversation.Message;
import org.confidant.conversation.Note;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the thread as the dashboard shows it: a message or an internal note (one
 * of the two is null), placed by its time.
 */
record ThreadItem(@Nullable Message message, @Nullable Note note) {

    Instant at() {
        return message != null ? message.sentAt() : note.createdAt();
    }

    /**
     * Messages and notes in one timeline, by time (a message before a note of its
     * instant).
     */
    static List<ThreadItem> timeline(List<Message> messages, List<Note> notes) {
        return Stream
            .concat(messages.stream().map(m -> new ThreadItem(m, null)),
                    notes.stream().map(n -> new ThreadItem(null, n)))
            .sorted(Comparator.comparing(ThreadItem::at).thenComparing(item -> item.message() == null))
            .toList();
    }

}
