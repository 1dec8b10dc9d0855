package org.confidant.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The times of conversations for reports, in one streamed query: each conversation's row
 * joined with the author kind, author and time of its messages (never their bodies), in
 * sequence order, folded here into one {@link ConversationTiming} per conversation. The
 * driver fetches {@value #FETCH_SIZE} rows at a time, so memory does not grow with the
 * period.
 */
@Repository
class ConversationTimings {

    static final int FETCH_SIZE = 1000;

    private final NamedParameterJdbcTemplate jdbc;

    ConversationTimings(JdbcTemplate template) {
        JdbcTemplate streaming = new JdbcTemplate(template.getDataSource());
        streaming.setFetchSize(FETCH_SIZE);
        this.jdbc = new NamedParameterJdbcTemplate(streaming);
    }

    /**
     * Every conversation of the inboxes created in {@code [from, to)} or resolved in it,
     * in no particular order. Messages are read only for those created in the period
     * (first responses count for them).
     */
    void stream(WorkspaceId workspaceId, Collection<InboxId> inboxes, Instant from, Instant to,
            Consumer<ConversationTiming> sink) {
        if (inboxes.isEmpty()) {
            return;
        }
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("workspace", workspaceId.value())
            .addValue("inboxes", inboxes.stream().map(InboxId::value).toList())
            .addValue("from", Timestamps.toDatabase(from))
            .addValue("to", Timestamps.toDatabase(to));
        Fold fold = new Fold(sink);
        jdbc.query("""
                select cv.id, cv.inbox_id, cv.created_at, cv.status, cv.resolved_at, cv.assignee_id,
                       m.author_kind, m.author_member_id, m.created_at as message_at
                  from conversation cv
                  left join message m on m.workspace_id = cv.workspace_id and m.conversation_id = cv.id
                       and cv.created_at >= :from and cv.created_at < :to
                 where cv.workspace_id = :workspace and cv.inbox_id in (:inboxes)
                   and ((cv.created_at >= :from and cv.created_at < :to)
                        or (cv.status = 'RESOLVED' and cv.resolved_at >= :from and cv.resolved_at < :to))
                 order by cv.id, m.seq
                """, params, fold::row);
        fold.finish();
    }

    /** Folds the rows of one conversation (consecutive, in sequence order) into one. */
    private static final class Fold {

        private final Consumer<ConversationTiming> sink;

        private @Nullable ConversationTiming current;

        Fold(Consumer<ConversationTiming> sink) {
            this.sink = sink;
        }

        void row(ResultSet rs) throws SQLException {
            UUID id = rs.getObject("id", UUID.class);
            if (current == null || !current.id().value().equals(id)) {
                finish();
                boolean resolved = ConversationStatus.RESOLVED.name().equals(rs.getString("status"));
                current = new ConversationTiming(new ConversationId(id),
                        new InboxId(rs.getObject("inbox_id", UUID.class)), time(rs, "created_at"),
                        resolved ? time(rs, "resolved_at") : null, member(rs, "assignee_id"), null, null, null);
            }
            String kind = rs.getString("author_kind");
            ConversationTiming c = current;
            if (kind == null || c.firstResponseAt() != null) {
                return;
            }
            if (c.firstVisitorMessageAt() == null) {
                if (AuthorKind.VISITOR.name().equals(kind)) {
                    current = new ConversationTiming(c.id(), c.inboxId(), c.createdAt(), c.resolvedAt(), c.assignee(),
                            time(rs, "message_at"), null, null);
                }
            }
            else if (AuthorKind.AGENT.name().equals(kind) && rs.getObject("author_member_id") != null) {
                current = new ConversationTiming(c.id(), c.inboxId(), c.createdAt(), c.resolvedAt(), c.assignee(),
                        c.firstVisitorMessageAt(), time(rs, "message_at"), member(rs, "author_member_id"));
            }
        }

        void finish() {
            if (current != null) {
                sink.accept(current);
                current = null;
            }
        }

        private static @Nullable Instant time(ResultSet rs, String column) throws SQLException {
            return Timestamps.fromDatabase(rs.getObject(column, OffsetDateTime.class));
        }

        private static @Nullable MemberId member(ResultSet rs, String column) throws SQLException {
            UUID member = rs.getObject(column, UUID.class);
            return member == null ? null : new MemberId(member);
        }

    }

}
