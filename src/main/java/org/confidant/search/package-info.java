/**
 * Search over encrypted conversations: a member finds the conversations they can open by
 * words of their messages, by their contact's name, or by their contact's exact email.
 * Message bodies are encrypted, so the index is blind: each message's redacted text (and
 * the name its visitor writes under) is normalised into words
 * ({@link org.confidant.search.SearchTerms}: NFKC, case-folded, accents stripped, split
 * on anything but letters and digits, words under two characters dropped), and each
 * distinct word of a conversation is kept only as the first 16 bytes of its HMAC-SHA256
 * under the workspace's index key (the crypto module's blind index), beside the
 * conversation's id; a contact's email is matched through the contact module's own blind
 * index. The index is written in the posting transaction, deleted with the conversations
 * it describes ({@code ConversationsPurged}: retention and erasure) and with its
 * workspace, and dies with the workspace's keys when they are shredded; a re-index job
 * ({@code search.reindex}) backfills what was stored before. A query's words are ANDed,
 * whole words only (no prefixes), and the member's scope is part of the SQL;
 * {@link org.confidant.search.SearchManagement} is the entry point and
 * {@code docs/threat-model.md} says what the index reveals.
 */
@ApplicationModule(displayName = "Search",
        allowedDependencies = { "access::api", "contact::api", "conversation::api", "crypto::api", "job::api",
                "workspace::api" })
@NullMarked
package org.confidant.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
