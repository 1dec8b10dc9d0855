package org.confidant.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.confidant.access.Grants;
import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.FieldEncryption;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Conversations, messages and read markers, in SQL. Every statement filters on the
 * workspace. Message bodies are encrypted here on the way in and decrypted on the way
 * out, bound to their message row.
 */
@Repository
class Conversations {

    private static final String CONVERSATION_COLUMNS = """
            select cv.id, cv.workspace_id, cv.inbox_id, cv.contact_id, cv.status, cv.assignee_id, cv.last_seq,
                   cv.last_message_at, cv.created_at
              from conversation cv
            """;

    static final EncryptedColumn BODY = new EncryptedColumn("message", "body");

    /** A stored message (decrypted) before author names are attached. */
    record StoredMessage(UUID id, long seq, String clientMsgId, AuthorKind authorKind, MemberId authorMember,
            String text, Instant sentAt, MessageFile file, int redactions) {
    }

    /** A list row before names are attached. */
    record ListRow(Conversation conversation, long lastReadSeq, String lastText, AuthorKind lastAuthor) {
    }

    private final JdbcClient jdbc;

    private final FieldEncryption encryption;

    Conversations(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    Optional<Conversation> find(WorkspaceId workspaceId, ConversationId id) {
        return jdbc.sql(CONVERSATION_COLUMNS + " where cv.workspace_id = ? and cv.id = ?")
            .params(workspaceId.value(), id.value())
            .query((rs, n) -> conversation(rs))
            .optional();
    }

    /**
     * Reads the conversation and locks its row until the transaction ends: posts to it
     * happen one at a time.
     */
    Optional<Conversation> lock(WorkspaceId workspaceId, ConversationId id) {
        return jdbc.sql(CONVERSATION_COLUMNS + " where cv.workspace_id = ? and cv.id = ? for update")
            .params(workspaceId.value(), id.value())
            .query((rs, n) -> conversation(rs))
            .optional();
    }

    /** The contact's latest conversation in the inbox. */
    Optional<Conversation> findLatestOfContact(WorkspaceId workspaceId, InboxId inboxId, ContactId contactId) {
        return jdbc.sql(CONVERSATION_COLUMNS
                + " where cv.workspace_id = ? and cv.inbox_id = ? and cv.contact_id = ? order by cv.created_at desc, cv.id")
            .params(workspaceId.value(), inboxId.value(), contactId.value())
            .query((rs, n) -> conversation(rs))
            .stream()
            .findFirst();
    }

    void insert(Conversation c) {
        jdbc.sql("""
                insert into conversation (id, workspace_id, inbox_id, contact_id, status, assignee_id, last_seq,
                                          last_message_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            .params(c.id().value(), c.workspaceId().value(), c.inboxId().value(), c.contactId().value(),
                    c.status().name(), c.assignee() == null ? null : c.assignee().value(), c.lastSeq(),
                    Timestamps.toDatabase(c.lastMessageAt()), Timestamps.toDatabase(c.createdAt()))
            .update();
    }

    /**
     * Stores the conversation's new state: status, assignee, last sequence number and
     * time.
     */
    void update(Conversation c, Instant now) {
        jdbc.sql("""
                update conversation set status = ?, assignee_id = ?, last_seq = ?, last_message_at = ?,
                       resolved_at = case when ? then coalesce(resolved_at, ?) else null end
                 where workspace_id = ? and id = ?
                """)
            .params(c.status().name(), c.assignee() == null ? null : c.assignee().value(), c.lastSeq(),
                    Timestamps.toDatabase(c.lastMessageAt()), c.status() == ConversationStatus.RESOLVED,
                    Timestamps.toDatabase(now), c.workspaceId().value(), c.id().value())
            .update();
    }

    /**
     * The inbox's open, unassigned conversations, oldest first: what round-robin routing
     * hands out.
     */
    List<ConversationId> unassignedOpen(WorkspaceId workspaceId, InboxId inboxId, int limit) {
        return jdbc.sql("""
                select id from conversation
                 where workspace_id = ? and inbox_id = ? and status = 'OPEN' and assignee_id is null
                 order by created_at, id
                 limit ?
                """)
            .params(workspaceId.value(), inboxId.value(), limit)
            .query((rs, n) -> new ConversationId(rs.getObject("id", UUID.class)))
            .list();
    }

    /** How many open conversations of the inbox each member has assigned. */
    Map<MemberId, Integer> openAssigned(WorkspaceId workspaceId, InboxId inboxId) {
        return jdbc.sql("""
                select assignee_id, count(*) as open_count from conversation
                 where workspace_id = ? and inbox_id = ? and status = 'OPEN' and assignee_id is not null
                 group by assignee_id
                """)
            .params(workspaceId.value(), inboxId.value())
            .query((rs, n) -> Map.entry(new MemberId(rs.getObject("assignee_id", UUID.class)), rs.getInt("open_count")))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The conversations of a contact, oldest first. */
    List<Conversation> ofContact(WorkspaceId workspaceId, ContactId contactId) {
        return jdbc
            .sql(CONVERSATION_COLUMNS
                    + " where cv.workspace_id = ? and cv.contact_id = ? order by cv.created_at, cv.id")
            .params(workspaceId.value(), contactId.value())
            .query((rs, n) -> conversation(rs))
            .list();
    }

    /** A page of the workspace's conversations, by id, after {@code after}. */
    List<Conversation> page(WorkspaceId workspaceId, UUID after, int limit) {
        return jdbc.sql(CONVERSATION_COLUMNS + " where cv.workspace_id = ? and cv.id > ? order by cv.id limit ?")
            .params(workspaceId.value(), after, limit)
            .query((rs, n) -> conversation(rs))
            .list();
    }

    /**
     * The conversations of one inbox that {@code condition} selects as past their
     * retention, by id after {@code after}: {@code resolved} (resolved before the cutoff)
     * or {@code inactive} (no message, or none since the cutoff, and created before it).
     */
    List<Conversation> retained(WorkspaceId workspaceId, InboxId inboxId, boolean resolved, Instant cutoff, UUID after,
            int limit) {
        return jdbc
            .sql(CONVERSATION_COLUMNS + " where cv.workspace_id = ? and cv.inbox_id = ? and " + retention(resolved)
                    + " and cv.id > ? order by cv.id limit ?")
            .params(workspaceId.value(), inboxId.value(), Timestamps.toDatabase(cutoff), after, limit)
            .query((rs, n) -> conversation(rs))
            .list();
    }

    long countRetained(WorkspaceId workspaceId, InboxId inboxId, boolean resolved, Instant cutoff) {
        return jdbc
            .sql("select count(*) from conversation cv where cv.workspace_id = ? and cv.inbox_id = ? and "
                    + retention(resolved))
            .params(workspaceId.value(), inboxId.value(), Timestamps.toDatabase(cutoff))
            .query(Long.class)
            .single();
    }

    private static String retention(boolean resolved) {
        return resolved ? "cv.status = 'RESOLVED' and cv.resolved_at < ?"
                : "coalesce(cv.last_message_at, cv.created_at) < ?";
    }

    /** How many messages the conversations hold. */
    long countMessages(WorkspaceId workspaceId, Collection<UUID> conversations) {
        if (conversations.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select count(*) from message where workspace_id = :workspace and conversation_id in (:ids)")
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(conversations))
            .query(Long.class)
            .single();
    }

    /** Which of the contacts have a conversation. */
    Set<UUID> contactsWithConversations(WorkspaceId workspaceId, Collection<UUID> contacts) {
        if (contacts.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc
            .sql("select distinct contact_id from conversation where workspace_id = :workspace "
                    + "and contact_id in (:ids)")
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(contacts))
            .query(UUID.class)
            .list());
    }

    /**
     * Deletes the conversations with their messages and read markers; returns how many
     * messages went.
     */
    long delete(WorkspaceId workspaceId, Collection<UUID> conversations) {
        if (conversations.isEmpty()) {
            return 0;
        }
        jdbc.sql("delete from conversation_read where workspace_id = :workspace and conversation_id in (:ids)")
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(conversations))
            .update();
        long messages = jdbc.sql("delete from message where workspace_id = :workspace and conversation_id in (:ids)")
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(conversations))
            .update();
        jdbc.sql("delete from conversation where workspace_id = :workspace and id in (:ids)")
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(conversations))
            .update();
        return messages;
    }

    /**
     * Locks the conversations' rows (a message being posted to one of them finishes
     * first, or waits and then finds it gone).
     */
    List<UUID> lockAll(WorkspaceId workspaceId, Collection<UUID> conversations) {
        if (conversations.isEmpty()) {
            return List.of();
        }
        return jdbc
            .sql("select id from conversation where workspace_id = :workspace and id in (:ids) order by id for update")
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(conversations))
            .query(UUID.class)
            .list();
    }

    Optional<StoredMessage> findMessage(WorkspaceId workspaceId, ConversationId conversationId, String clientMsgId) {
        return jdbc.sql("""
                select id, seq, client_msg_id, author_kind, author_member_id, body, created_at, attachment_id,
                       attachment_type, attachment_size, redactions from message
                 where workspace_id = ? and conversation_id = ? and client_msg_id = ?
                """)
            .params(workspaceId.value(), conversationId.value(), clientMsgId)
            .query((rs, n) -> message(workspaceId, rs))
            .optional();
    }

    void insertMessage(WorkspaceId workspaceId, ConversationId conversationId, StoredMessage m) {
        jdbc.sql(
                """
                        insert into message (id, workspace_id, conversation_id, seq, client_msg_id, author_kind,
                                             author_member_id, body, created_at, attachment_id, attachment_type, attachment_size,
                                             redactions)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
            .params(m.id(), workspaceId.value(), conversationId.value(), m.seq(), m.clientMsgId(),
                    m.authorKind().name(), m.authorMember() == null ? null : m.authorMember().value(),
                    encryption.encrypt(workspaceId, BODY, m.id(), m.text()), Timestamps.toDatabase(m.sentAt()),
                    m.file() == null ? null : m.file().attachmentId(), m.file() == null ? null : m.file().contentType(),
                    m.file() == null ? null : m.file().size(), m.redactions())
            .update();
    }

    List<StoredMessage> messagesAfter(WorkspaceId workspaceId, ConversationId conversationId, long afterSeq,
            int limit) {
        return jdbc.sql("""
                select id, seq, client_msg_id, author_kind, author_member_id, body, created_at, attachment_id,
                       attachment_type, attachment_size, redactions from message
                 where workspace_id = ? and conversation_id = ? and seq > ?
                 order by seq
                 limit ?
                """)
            .params(workspaceId.value(), conversationId.value(), afterSeq, limit)
            .query((rs, n) -> message(workspaceId, rs))
            .list();
    }

    /**
     * The conversations the viewer can read that pass the filter; the scope is part of
     * the query.
     */
    List<ListRow> list(WorkspaceId workspaceId, Grants viewer, ConversationFilter filter,
            ConversationRefinement refinement, int limit) {
        String scope = scope(viewer);
        String condition = switch (filter) {
            case OPEN -> "cv.status = 'OPEN'";
            case RESOLVED -> "cv.status = 'RESOLVED'";
            case MINE -> "cv.status = 'OPEN' and cv.assignee_id = :viewer";
            case UNASSIGNED -> "cv.status = 'OPEN' and cv.assignee_id is null";
            case ALL -> "true";
        };
        StringBuilder refined = new StringBuilder();
        if (refinement.inbox() != null) {
            refined.append(" and cv.inbox_id = :inbox");
        }
        if (refinement.label() != null) {
            refined
                .append(" and exists (select 1 from conversation_labelling cl where cl.workspace_id = cv.workspace_id"
                        + " and cl.conversation_id = cv.id and cl.label_id = :label)");
        }
        if (refinement.assignee() != null) {
            refined.append(" and cv.assignee_id = :assignee");
        }
        if (refinement.unassigned()) {
            refined.append(" and cv.assignee_id is null");
        }
        return jdbc.sql("""
                select cv.id, cv.workspace_id, cv.inbox_id, cv.contact_id, cv.status, cv.assignee_id, cv.last_seq,
                       cv.last_message_at, cv.created_at, coalesce(r.last_read_seq, 0) as last_read_seq,
                       m.id as last_id, m.body as last_body, m.author_kind as last_author_kind
                  from conversation cv
                  left join conversation_read r on r.conversation_id = cv.id and r.member_id = :viewer
                  left join message m on m.conversation_id = cv.id and m.seq = cv.last_seq
                 where cv.workspace_id = :workspace and %s and %s%s
                 order by cv.last_message_at desc nulls last, cv.id
                 limit :limit
                """.formatted(scope, condition, refined))
            .param("inbox", refinement.inbox() == null ? null : refinement.inbox().value())
            .param("label", refinement.label() == null ? null : refinement.label().value())
            .param("assignee", refinement.assignee() == null ? null : refinement.assignee().value())
            .param("viewer", viewer.memberId().value())
            .param("inboxes", viewer.inboxes().stream().map(InboxId::value).toList())
            .param("workspace", workspaceId.value())
            .param("limit", limit)
            .query((rs, n) -> {
                UUID lastId = rs.getObject("last_id", UUID.class);
                String lastText = lastId == null ? null
                        : encryption.decrypt(workspaceId, BODY, lastId, rs.getBytes("last_body"));
                String lastAuthor = rs.getString("last_author_kind");
                return new ListRow(conversation(rs), rs.getLong("last_read_seq"), lastText,
                        lastAuthor == null ? null : AuthorKind.valueOf(lastAuthor));
            })
            .list();
    }

    /**
     * The SQL condition on {@code cv} (a conversation) that the viewer can read it, with
     * the parameters {@code :viewer} and {@code :inboxes}.
     */
    static String scope(Grants viewer) {
        return switch (viewer.visibility()) {
            case ALL -> "true";
            case INBOXES -> viewer.inboxes().isEmpty() ? "cv.assignee_id = :viewer"
                    : "(cv.inbox_id in (:inboxes) or cv.assignee_id = :viewer)";
            case ASSIGNED -> "cv.assignee_id = :viewer";
            case NONE -> "false";
        };
    }

    long lastReadSeq(WorkspaceId workspaceId, ConversationId conversationId, MemberId member) {
        return jdbc
            .sql("""
                    select last_read_seq from conversation_read where workspace_id = ? and conversation_id = ? and member_id = ?
                    """)
            .params(workspaceId.value(), conversationId.value(), member.value())
            .query(Long.class)
            .optional()
            .orElse(0L);
    }

    /** Moves the member's read marker forward to seq (never backwards). */
    void markRead(WorkspaceId workspaceId, ConversationId conversationId, MemberId member, long seq) {
        int updated = jdbc.sql("""
                update conversation_read set last_read_seq = ?
                 where workspace_id = ? and conversation_id = ? and member_id = ? and last_read_seq < ?
                """).params(seq, workspaceId.value(), conversationId.value(), member.value(), seq).update();
        if (updated == 0 && lastReadSeqMissing(workspaceId, conversationId, member)) {
            jdbc.sql("""
                    insert into conversation_read (workspace_id, conversation_id, member_id, last_read_seq)
                    values (?, ?, ?, ?)
                    """).params(workspaceId.value(), conversationId.value(), member.value(), seq).update();
        }
    }

    private boolean lastReadSeqMissing(WorkspaceId workspaceId, ConversationId conversationId, MemberId member) {
        return jdbc.sql("""
                select count(*) from conversation_read where workspace_id = ? and conversation_id = ? and member_id = ?
                """)
            .params(workspaceId.value(), conversationId.value(), member.value())
            .query(Long.class)
            .single() == 0;
    }

    private static Conversation conversation(ResultSet rs) throws SQLException {
        UUID assignee = rs.getObject("assignee_id", UUID.class);
        return new Conversation(new ConversationId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new InboxId(rs.getObject("inbox_id", UUID.class)),
                new ContactId(rs.getObject("contact_id", UUID.class)),
                ConversationStatus.valueOf(rs.getString("status")), assignee == null ? null : new MemberId(assignee),
                rs.getLong("last_seq"), Timestamps.fromDatabase(rs.getObject("last_message_at", OffsetDateTime.class)),
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)));
    }

    private StoredMessage message(WorkspaceId workspaceId, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID member = rs.getObject("author_member_id", UUID.class);
        UUID attachment = rs.getObject("attachment_id", UUID.class);
        return new StoredMessage(id, rs.getLong("seq"), rs.getString("client_msg_id"),
                AuthorKind.valueOf(rs.getString("author_kind")), member == null ? null : new MemberId(member),
                encryption.decrypt(workspaceId, BODY, id, rs.getBytes("body")),
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)),
                attachment == null ? null
                        : new MessageFile(attachment, rs.getString("attachment_type"), rs.getLong("attachment_size")),
                rs.getInt("redactions"));
    }

}
