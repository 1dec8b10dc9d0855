package org.confidant.lifecycle;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.confidant.contact.ContactManagement;
import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.FieldEncryption;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.ContactId;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A large workspace for the export's kill test and benchmark, loaded in JDBC batches (as
 * {@code PurgeBenchmark} loads its own): conversations of a fixed number of messages, a
 * new contact per hundred conversations, every body a real ciphertext (encrypted as the
 * conversation module stores it, bound to workspace, column and row) so that the export
 * decrypts them as it would in production. Messages alternate between the visitor and the
 * owner; body {@code n} of conversation {@code c} reads
 * {@code "message <n> of conversation <c>"}.
 */
final class ExportTestSamples {

    private static final EncryptedColumn BODY = new EncryptedColumn("message", "body");

    private static final int CONVERSATIONS_PER_CONTACT = 100;

    private ExportTestSamples() {
    }

    /**
     * Loads {@code conversations} conversations of {@code perConversation} messages, in
     * the workspace's scope (PostgreSQL's row-level security admits its rows only there).
     */
    static void load(ApplicationContext app, Member owner, Inbox inbox, int conversations, int perConversation) {
        Tenancy.run(owner.workspaceId(), () -> loadInScope(app, owner, inbox, conversations, perConversation));
    }

    private static void loadInScope(ApplicationContext app, Member owner, Inbox inbox, int conversations,
            int perConversation) {
        WorkspaceId workspace = owner.workspaceId();
        ContactManagement contacts = app.getBean(ContactManagement.class);
        FieldEncryption encryption = app.getBean(FieldEncryption.class);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        Timestamp at = Timestamp.from(Instant.now().minus(Duration.ofDays(1)));
        for (int first = 0; first < conversations; first += CONVERSATIONS_PER_CONTACT) {
            ContactId contact = contacts.createVisitor(workspace, inbox.id(), "192.0.2.1").id();
            List<Object[]> conversationRows = new ArrayList<>();
            List<Object[]> messageRows = new ArrayList<>();
            for (int c = first; c < Math.min(conversations, first + CONVERSATIONS_PER_CONTACT); c++) {
                UUID conversation = UUID.randomUUID();
                conversationRows.add(new Object[] { conversation, workspace.value(), inbox.id().value(),
                        contact.value(), perConversation, at, at });
                for (int seq = 1; seq <= perConversation; seq++) {
                    UUID id = UUID.randomUUID();
                    boolean visitor = seq % 2 == 1;
                    messageRows.add(new Object[] { id, workspace.value(), conversation, seq, "m-" + seq,
                            visitor ? "VISITOR" : "AGENT", visitor ? null : owner.id().value(),
                            encryption.encrypt(workspace, BODY, id, "message " + seq + " of conversation " + c), at });
                }
                if (messageRows.size() >= 10_000) {
                    flush(jdbc, conversationRows, messageRows);
                }
            }
            flush(jdbc, conversationRows, messageRows);
        }
    }

    private static void flush(JdbcTemplate jdbc, List<Object[]> conversationRows, List<Object[]> messageRows) {
        if (!conversationRows.isEmpty()) {
            jdbc.batchUpdate("insert into conversation (id, workspace_id, inbox_id, contact_id, status, last_seq, "
                    + "last_message_at, created_at) values (?, ?, ?, ?, 'OPEN', ?, ?, ?)", conversationRows);
        }
        if (!messageRows.isEmpty()) {
            jdbc.batchUpdate(
                    "insert into message (id, workspace_id, conversation_id, seq, client_msg_id, "
                            + "author_kind, author_member_id, body, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    messageRows);
        }
        conversationRows.clear();
        messageRows.clear();
    }

}
