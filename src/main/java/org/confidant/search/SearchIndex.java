package org.confidant.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.confidant.access.Grants;
import org.confidant.conversation.Conversation;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The search index in SQL: each indexed conversation's scope facts
 * ({@code search_conversation}) and its blind word tokens ({@code search_token}). Every
 * statement filters on the workspace; the member's scope is part of the search query.
 */
@Repository
class SearchIndex {

    /**
     * A word in at least this many conversations is common: a search for common words
     * walks the conversations newest first (stopping at a full page) instead of
     * collecting every conversation of its rarest word.
     */
    static final int DENSE = 2000;

    private final JdbcClient jdbc;

    private final JdbcTemplate batch;

    SearchIndex(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Records the conversation's inbox, contact, assignee and last activity (called with
     * its row locked by the conversation module, so one writer at a time).
     */
    void upsert(WorkspaceId workspaceId, Conversation c) {
        Instant activity = c.lastMessageAt() != null ? c.lastMessageAt() : c.createdAt();
        int updated = jdbc.sql("""
                update search_conversation set assignee_id = ?, last_activity_at = ?
                 where workspace_id = ? and conversation_id = ?
                """)
            .params(c.assignee() == null ? null : c.assignee().value(), Timestamps.toDatabase(activity),
                    workspaceId.value(), c.id().value())
            .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into search_conversation (conversation_id, workspace_id, inbox_id, contact_id, assignee_id,
                                                     last_activity_at)
                    values (?, ?, ?, ?, ?, ?) on conflict do nothing
                    """)
                .params(c.id().value(), workspaceId.value(), c.inboxId().value(), c.contactId().value(),
                        c.assignee() == null ? null : c.assignee().value(), Timestamps.toDatabase(activity))
                .update();
        }
    }

    /** Adds the tokens to the conversation's (those it has already are left alone). */
    void addTokens(WorkspaceId workspaceId, ConversationId conversation, Collection<byte[]> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(tokens.size());
        for (byte[] token : tokens) {
            rows.add(new Object[] { workspaceId.value(), token, conversation.value() });
        }
        batch.batchUpdate(
                "insert into search_token (workspace_id, token, conversation_id) values (?, ?, ?) on conflict do nothing",
                rows);
    }

    /** Forgets the conversations: their tokens and their scope facts. */
    void delete(WorkspaceId workspaceId, Collection<UUID> conversations) {
        if (conversations.isEmpty()) {
            return;
        }
        for (String sql : new String[] {
                "delete from search_token where workspace_id = :workspace and conversation_id in (:ids)",
                "delete from search_conversation where workspace_id = :workspace and conversation_id in (:ids)" }) {
            jdbc.sql(sql).param("workspace", workspaceId.value()).param("ids", List.copyOf(conversations)).update();
        }
    }

    /** Forgets everything of the workspace. */
    void deleteWorkspace(WorkspaceId workspaceId) {
        for (String table : new String[] { "search_token", "search_conversation" }) {
            jdbc.sql("delete from " + table + " where workspace_id = ?").param(workspaceId.value()).update();
        }
    }

    /**
     * The conversations the viewer can read that hold every token, or whose contact is
     * one of {@code contacts}; newest activity first, {@code limit} after skipping
     * {@code offset}. The scope is part of the query.
     */
    List<ConversationId> find(Grants viewer, List<byte[]> tokens, Collection<UUID> contacts, int offset, int limit) {
        String scope = switch (viewer.visibility()) {
            case ALL -> "true";
            case INBOXES -> viewer.inboxes().isEmpty() ? "sc.assignee_id = :viewer"
                    : "(sc.inbox_id in (:inboxes) or sc.assignee_id = :viewer)";
            case ASSIGNED -> "sc.assignee_id = :viewer";
            case NONE -> "false";
        };
        String match;
        if (tokens.isEmpty()) {
            match = "false";
        }
        else if (rarest(viewer.workspaceId(), tokens) < DENSE) {
            // a rare word: its few conversations first, then their order
            StringBuilder words = new StringBuilder("select t0.conversation_id from search_token t0");
            for (int i = 1; i < tokens.size(); i++) {
                words.append((" join search_token t%d on t%d.workspace_id = :workspace and t%d.token = :t%d"
                        + " and t%d.conversation_id = t0.conversation_id")
                    .formatted(i, i, i, i, i));
            }
            words.append(" where t0.workspace_id = :workspace and t0.token = :t0");
            match = "sc.conversation_id in (" + words + ")";
        }
        else {
            // only common words: the newest conversations, in order, until a page is full
            StringBuilder words = new StringBuilder("true");
            for (int i = 0; i < tokens.size(); i++) {
                words.append((" and exists (select 1 from search_token t%d where t%d.workspace_id = :workspace"
                        + " and t%d.token = :t%d and t%d.conversation_id = sc.conversation_id)")
                    .formatted(i, i, i, i, i));
            }
            match = "(" + words + ")";
        }
        if (!contacts.isEmpty()) {
            match = "(" + match + " or sc.contact_id in (:contacts))";
        }
        var statement = jdbc.sql("""
                select sc.conversation_id from search_conversation sc
                 where sc.workspace_id = :workspace and %s and %s
                 order by sc.last_activity_at desc, sc.conversation_id desc
                 limit :limit offset :offset
                """.formatted(scope, match))
            .param("workspace", viewer.workspaceId().value())
            .param("viewer", viewer.memberId().value())
            .param("inboxes", viewer.inboxes().stream().map(InboxId::value).toList())
            .param("contacts", List.copyOf(contacts))
            .param("limit", limit)
            .param("offset", offset);
        for (int i = 0; i < tokens.size(); i++) {
            statement = statement.param("t" + i, tokens.get(i));
        }
        return statement.query(UUID.class).list().stream().map(ConversationId::new).toList();
    }

    /**
     * In how many conversations the rarest of the tokens is (counted up to
     * {@link #DENSE}).
     */
    private long rarest(WorkspaceId workspaceId, List<byte[]> tokens) {
        long rarest = DENSE;
        for (byte[] token : tokens) {
            rarest = Math.min(rarest, jdbc.sql("""
                    select count(*) from (select 1 from search_token where workspace_id = ? and token = ? limit ?) w
                    """).params(workspaceId.value(), token, DENSE).query(Long.class).single());
        }
        return rarest;
    }

}
