package org.confidant.attachment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.conversation.AuthorKind;
import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.FieldEncryption;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Attachment rows, in SQL; every statement filters on the workspace. File names are
 * encrypted, bound to their row.
 */
@Repository
class Attachments {

    static final EncryptedColumn FILE_NAME = new EncryptedColumn("attachment", "file_name");

    /**
     * The stored content's associated data: the content is bound to its workspace and
     * attachment like a column.
     */
    static final EncryptedColumn CONTENT = new EncryptedColumn("attachment", "content");

    /** What a visitor has sent in a window: for the quota. */
    record Usage(long count, long bytes) {
    }

    private final JdbcClient jdbc;

    private final FieldEncryption encryption;

    Attachments(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    void insert(Attachment a, String storageKey) {
        jdbc.sql("""
                insert into attachment (id, workspace_id, conversation_id, contact_id, uploader_kind,
                                        uploader_member_id, file_name, content_type, size_bytes, storage_key,
                                        created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            .params(a.id().value(), a.workspaceId().value(), a.conversationId().value(), a.contactId().value(),
                    a.uploaderKind().name(), a.uploaderMember() == null ? null : a.uploaderMember().value(),
                    encryption.encrypt(a.workspaceId(), FILE_NAME, a.id().value(), a.fileName()), a.contentType(),
                    a.size(), storageKey, Timestamps.toDatabase(a.createdAt()))
            .update();
    }

    Optional<Attachment> find(WorkspaceId workspaceId, AttachmentId id) {
        return jdbc.sql("""
                select id, workspace_id, conversation_id, contact_id, uploader_kind, uploader_member_id, file_name,
                       content_type, size_bytes, created_at, deleted_at
                  from attachment where workspace_id = ? and id = ?
                """).params(workspaceId.value(), id.value()).query((rs, n) -> attachment(rs)).optional();
    }

    /** The workspace of an attachment, for a request that names only the attachment. */
    Optional<WorkspaceId> workspaceOf(AttachmentId id) {
        return jdbc.sql("select workspace_id from attachment where id = ?")
            .param(id.value())
            .query((rs, n) -> new WorkspaceId(rs.getObject("workspace_id", UUID.class)))
            .optional();
    }

    Optional<String> storageKey(WorkspaceId workspaceId, AttachmentId id) {
        return jdbc.sql("select storage_key from attachment where workspace_id = ? and id = ? and deleted_at is null")
            .params(workspaceId.value(), id.value())
            .query(String.class)
            .optional();
    }

    /** Marks the attachment deleted; false if it already was. */
    boolean markDeleted(WorkspaceId workspaceId, AttachmentId id, Instant at) {
        return jdbc.sql("""
                update attachment set deleted_at = ?, storage_key = null
                 where workspace_id = ? and id = ? and deleted_at is null
                """).params(Timestamps.toDatabase(at), workspaceId.value(), id.value()).update() == 1;
    }

    /**
     * What the contact has uploaded as a visitor since {@code since}, deleted files
     * included.
     */
    Usage visitorUsageSince(WorkspaceId workspaceId, ContactId contactId, Instant since) {
        return jdbc.sql("""
                select count(*) as files, coalesce(sum(size_bytes), 0) as bytes from attachment
                 where workspace_id = ? and contact_id = ? and uploader_kind = 'VISITOR' and created_at >= ?
                """)
            .params(workspaceId.value(), contactId.value(), Timestamps.toDatabase(since))
            .query((rs, n) -> new Usage(rs.getLong("files"), rs.getLong("bytes")))
            .single();
    }

    /**
     * Files of the workspace whose content is still stored and that were uploaded before
     * {@code cutoff}, by id after {@code after}.
     */
    List<Attachment> storedBefore(WorkspaceId workspaceId, Instant cutoff, UUID after, int limit) {
        return jdbc.sql("""
                select id, workspace_id, conversation_id, contact_id, uploader_kind, uploader_member_id, file_name,
                       content_type, size_bytes, created_at, deleted_at
                  from attachment where workspace_id = ? and deleted_at is null and created_at < ? and id > ?
                 order by id limit ?
                """)
            .params(workspaceId.value(), Timestamps.toDatabase(cutoff), after, limit)
            .query((rs, n) -> attachment(rs))
            .list();
    }

    /** The files of the conversations, oldest first. */
    List<Attachment> ofConversations(WorkspaceId workspaceId, Collection<UUID> conversations) {
        if (conversations.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select id, workspace_id, conversation_id, contact_id, uploader_kind, uploader_member_id, file_name,
                       content_type, size_bytes, created_at, deleted_at
                  from attachment where workspace_id = :workspace and conversation_id in (:ids)
                 order by created_at, id
                """)
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(conversations))
            .query((rs, n) -> attachment(rs))
            .list();
    }

    /** How many files (stored or already deleted) the conversations have. */
    long countOfConversations(WorkspaceId workspaceId, Collection<UUID> conversations) {
        if (conversations.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select count(*) from attachment where workspace_id = :workspace and conversation_id in (:ids)")
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(conversations))
            .query(Long.class)
            .single();
    }

    /** The stored objects of the conversations' files. */
    List<String> storageKeysOfConversations(WorkspaceId workspaceId, Collection<UUID> conversations) {
        if (conversations.isEmpty()) {
            return List.of();
        }
        return jdbc
            .sql("select storage_key from attachment where workspace_id = :workspace and conversation_id in (:ids) "
                    + "and storage_key is not null")
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(conversations))
            .query(String.class)
            .list();
    }

    void deleteOfConversations(WorkspaceId workspaceId, Collection<UUID> conversations) {
        if (!conversations.isEmpty()) {
            jdbc.sql("delete from attachment where workspace_id = :workspace and conversation_id in (:ids)")
                .param("workspace", workspaceId.value())
                .param("ids", List.copyOf(conversations))
                .update();
        }
    }

    List<String> storageKeysOfWorkspace(WorkspaceId workspaceId) {
        return jdbc.sql("select storage_key from attachment where workspace_id = ? and storage_key is not null")
            .param(workspaceId.value())
            .query(String.class)
            .list();
    }

    void deleteWorkspace(WorkspaceId workspaceId) {
        jdbc.sql("delete from attachment where workspace_id = ?").param(workspaceId.value()).update();
    }

    private Attachment attachment(ResultSet rs) throws SQLException {
        WorkspaceId workspaceId = new WorkspaceId(rs.getObject("workspace_id", UUID.class));
        UUID id = rs.getObject("id", UUID.class);
        UUID member = rs.getObject("uploader_member_id", UUID.class);
        return new Attachment(new AttachmentId(id), workspaceId,
                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                new ContactId(rs.getObject("contact_id", UUID.class)),
                AuthorKind.valueOf(rs.getString("uploader_kind")), member == null ? null : new MemberId(member),
                encryption.decrypt(workspaceId, FILE_NAME, id, rs.getBytes("file_name")), rs.getString("content_type"),
                rs.getLong("size_bytes"), Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)),
                Timestamps.fromDatabase(rs.getObject("deleted_at", OffsetDateTime.class)));
    }

}
