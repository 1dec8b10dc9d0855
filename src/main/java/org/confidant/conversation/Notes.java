package org.confidant.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.FieldEncryption;
import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Internal notes, in SQL, in a table of their own: nothing that serves visitors reads it.
 * Every statement filters on the workspace; bodies are encrypted bound to their row.
 */
@Repository
class Notes {

    static final EncryptedColumn BODY = new EncryptedColumn("conversation_note", "body");

    /** A stored note (decrypted) before its author's name is attached. */
    record StoredNote(UUID id, ConversationId conversationId, String clientMsgId, MemberId author, String text,
            Instant createdAt) {
    }

    private static final String COLUMNS = """
            select id, conversation_id, client_msg_id, author_member_id, body, created_at from conversation_note
            """;

    private final JdbcClient jdbc;

    private final FieldEncryption encryption;

    Notes(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    Optional<StoredNote> find(WorkspaceId workspaceId, ConversationId conversationId, MemberId author,
            String clientMsgId) {
        return jdbc
            .sql(COLUMNS
                    + " where workspace_id = ? and conversation_id = ? and author_member_id = ? and client_msg_id = ?")
            .params(workspaceId.value(), conversationId.value(), author.value(), clientMsgId)
            .query((rs, n) -> note(workspaceId, rs))
            .optional();
    }

    void insert(WorkspaceId workspaceId, StoredNote note) {
        jdbc.sql("""
                insert into conversation_note (id, workspace_id, conversation_id, client_msg_id, author_member_id, body,
                                               created_at)
                values (?, ?, ?, ?, ?, ?, ?)
                """)
            .params(note.id(), workspaceId.value(), note.conversationId().value(), note.clientMsgId(),
                    note.author().value(), encryption.encrypt(workspaceId, BODY, note.id(), note.text()),
                    Timestamps.toDatabase(note.createdAt()))
            .update();
    }

    /** The conversation's latest notes, at most {@code limit}, oldest first. */
    List<StoredNote> latest(WorkspaceId workspaceId, ConversationId conversationId, int limit) {
        return jdbc.sql(COLUMNS + """
                 where workspace_id = ? and conversation_id = ?
                 order by created_at desc, id
                 limit ?
                """)
            .params(workspaceId.value(), conversationId.value(), limit)
            .query((rs, n) -> note(workspaceId, rs))
            .list()
            .reversed();
    }

    /** Deletes the notes of the conversations (before the conversations go). */
    void deleteOf(WorkspaceId workspaceId, Collection<UUID> conversations) {
        jdbc.sql("delete from conversation_note where workspace_id = :workspace and conversation_id in (:ids)")
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(conversations))
            .update();
    }

    private StoredNote note(WorkspaceId workspaceId, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new StoredNote(id, new ConversationId(rs.getObject("conversation_id", UUID.class)),
                rs.getString("client_msg_id"), new MemberId(rs.getObject("author_member_id", UUID.class)),
                encryption.decrypt(workspaceId, BODY, id, rs.getBytes("body")),
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)));
    }

}
