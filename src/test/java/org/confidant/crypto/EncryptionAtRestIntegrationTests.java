package org.confidant.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.confidant.EncryptionAtRestScans;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestDatabase;
import org.confidant.access.Grants;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attacks on encryption at rest in a running application: tampered and moved ciphertexts,
 * rotation, blind indexes, and a byte-level search of the stored database (the H2 file,
 * or a {@code pg_dump}) for every plaintext.
 */
@IntegrationTest
class EncryptionAtRestIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    ContactManagement contacts;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    InboxManagement inboxes;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    KeyAdministration keys;

    @Autowired
    DataSource dataSource;

    @Value("${confidant.data-dir}")
    Path dataDir;

    record Scenario(Member owner, Inbox inbox, Contact contact, ConversationId conversation, List<String> plaintexts) {
    }

    /**
     * A workspace with a contact who has a name, email, phone and address, and a few
     * messages; all unique.
     */
    Scenario scenario() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = inboxes.create(fixtures.grants(owner), "shop.example");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Contact visitor = contacts.createVisitor(owner.workspaceId(), inbox.id(),
                "198.51.100." + (tag.hashCode() & 0x7f));
        Contact contact = contacts.updateDetails(owner.workspaceId(), visitor.id(), owner.id(), "Zelda Quux " + tag,
                "zelda." + tag + "@example.org", "+41 79 555 " + Math.abs(tag.hashCode() % 10000));
        List<String> plaintexts = new ArrayList<>(
                List.of(contact.displayName(), contact.email(), contact.phone(), contact.ipAddress()));
        ConversationId conversation = null;
        for (int i = 0; i < 3; i++) {
            String text = "My card ends in " + tag + " and my parcel " + i + " never came";
            plaintexts.add(text);
            conversation = conversations.postFromVisitor(owner.workspaceId(), inbox.id(), contact.id(), "m-" + i, text)
                .message()
                .conversationId();
        }
        String reply = "Sorry to hear that, " + tag + ", let me check";
        plaintexts.add(reply);
        conversations.postFromAgent(grants(owner), conversation, "a-1", reply);
        return new Scenario(owner, inbox, contact, conversation, plaintexts);
    }

    @Test
    void theStoredDatabaseHoldsNoneOfThePlaintexts() throws Exception {
        Scenario scenario = scenario();
        byte[] stored = TestDatabase.isPostgres() ? EncryptionAtRestScans.pgDump()
                : EncryptionAtRestScans.h2Files(dataSource, dataDir);

        List<String> found = scenario.plaintexts()
            .stream()
            .filter(p -> EncryptionAtRestScans.indexOf(stored, p.getBytes(StandardCharsets.UTF_8)) >= 0)
            .toList();
        System.out.printf("encryption.plaintext_scan %d plaintexts, %d found in %d stored bytes%n",
                scenario.plaintexts().size(), found.size(), stored.length);
        assertThat(found).isEmpty();
        // and the scan can find things: the inbox name is stored in clear on purpose
        assertThat(EncryptionAtRestScans.indexOf(stored, "shop.example".getBytes(StandardCharsets.UTF_8)))
            .isNotNegative();
    }

    @Test
    void everyFlippedByteOfAStoredCiphertextFailsToDecrypt() {
        Scenario scenario = scenario();
        Row row = messageRows(scenario.owner().workspaceId(), scenario.conversation()).getFirst();
        EncryptedColumn body = new EncryptedColumn("message", "body");
        assertThat(encryption.decrypt(scenario.owner().workspaceId(), body, row.id(), row.ciphertext()))
            .isEqualTo(scenario.plaintexts().get(4));

        for (int i = 0; i < row.ciphertext().length; i++) {
            byte[] tampered = row.ciphertext().clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> encryption.decrypt(scenario.owner().workspaceId(), body, row.id(), tampered))
                .as("byte %d", i)
                .isInstanceOf(IntegrityException.class);
        }
        byte[] truncated = Arrays.copyOf(row.ciphertext(), row.ciphertext().length - 1);
        assertThatThrownBy(() -> encryption.decrypt(scenario.owner().workspaceId(), body, row.id(), truncated))
            .isInstanceOf(IntegrityException.class);
    }

    @Test
    void aTamperedRowInTheDatabaseIsAnIntegrityErrorNeverGarbage() {
        Scenario scenario = scenario();
        Row row = messageRows(scenario.owner().workspaceId(), scenario.conversation()).getFirst();
        byte[] tampered = row.ciphertext().clone();
        tampered[tampered.length - 3] ^= (byte) 0x80;
        TestDatabase
            .allRows(() -> jdbc().sql("update message set body = ? where id = ?").params(tampered, row.id()).update());

        assertThatThrownBy(
                () -> conversations.messagesAfter(scenario.owner().workspaceId(), scenario.conversation(), 0))
            .isInstanceOf(IntegrityException.class);
    }

    @Test
    void ciphertextsSwappedBetweenRowsColumnsOrWorkspacesDoNotDecrypt() {
        Scenario mine = scenario();
        Scenario theirs = scenario();
        List<Row> rows = messageRows(mine.owner().workspaceId(), mine.conversation());
        Row first = rows.get(0);
        Row second = rows.get(1);
        Row foreign = messageRows(theirs.owner().workspaceId(), theirs.conversation()).getFirst();

        // another row of the same conversation
        TestDatabase.allRows(() -> jdbc().sql("update message set body = ? where id = ?")
            .params(second.ciphertext(), first.id())
            .update());
        assertThatThrownBy(() -> conversations.messagesAfter(mine.owner().workspaceId(), mine.conversation(), 0))
            .isInstanceOf(IntegrityException.class);
        TestDatabase.allRows(() -> jdbc().sql("update message set body = ? where id = ?")
            .params(first.ciphertext(), first.id())
            .update());
        assertThat(conversations.messagesAfter(mine.owner().workspaceId(), mine.conversation(), 0)).hasSize(4);

        // a row of another workspace
        TestDatabase.allRows(() -> jdbc().sql("update message set body = ? where id = ?")
            .params(foreign.ciphertext(), first.id())
            .update());
        assertThatThrownBy(() -> conversations.messagesAfter(mine.owner().workspaceId(), mine.conversation(), 0))
            .isInstanceOf(IntegrityException.class);
        TestDatabase.allRows(() -> jdbc().sql("update message set body = ? where id = ?")
            .params(first.ciphertext(), first.id())
            .update());

        // another column of the same row: the email where the phone was
        byte[] email = TestDatabase.allRows(() -> jdbc().sql("select email from contact where id = ?")
            .param(mine.contact().id().value())
            .query(byte[].class)
            .single());
        TestDatabase.allRows(() -> jdbc().sql("update contact set phone = ? where id = ?")
            .params(email, mine.contact().id().value())
            .update());
        assertThatThrownBy(() -> contacts.find(mine.owner().workspaceId(), mine.contact().id()))
            .isInstanceOf(IntegrityException.class);
    }

    @Test
    void contactsAreFoundByEmailThroughTheBlindIndexOnlyInTheirWorkspace() {
        Scenario mine = scenario();
        Scenario theirs = scenario();
        String email = mine.contact().email();

        assertThat(contacts.findByEmail(mine.owner().workspaceId(), "  " + email.toUpperCase() + " "))
            .extracting(Contact::id)
            .containsExactly(mine.contact().id());
        assertThat(contacts.findByEmail(theirs.owner().workspaceId(), email)).isEmpty();
        byte[] index = TestDatabase.allRows(() -> jdbc().sql("select email_index from contact where id = ?")
            .param(mine.contact().id().value())
            .query(byte[].class)
            .single());
        assertThat(index).hasSize(32);
        assertThat(new String(index, StandardCharsets.ISO_8859_1)).doesNotContain(email);
    }

    @Test
    void afterDataAndMasterKeyRotationAllOldDataIsReadableAndReencryptionMovesIt() {
        Scenario scenario = scenario();
        WorkspaceId workspace = scenario.owner().workspaceId();
        long before = encryption.primaryKeyId(workspace);

        long rotated = keys.rotateDataKey(workspace);
        assertThat(rotated).isNotEqualTo(before);
        String later = "written after the rotation";
        conversations.postFromAgent(grants(scenario.owner()), scenario.conversation(), "a-2", later);
        List<Row> rows = messageRows(workspace, scenario.conversation());
        assertThat(rows.subList(0, 4)).allMatch(r -> FieldEncryption.keyIdOf(r.ciphertext()) == before);
        assertThat(FieldEncryption.keyIdOf(rows.getLast().ciphertext())).isEqualTo(rotated);

        keys.rotateMasterKey();
        assertThat(read(scenario)).containsAll(scenario.plaintexts()).contains(later);

        KeyAdministration.WorkspaceStatus status = status(workspace);
        assertThat(status.dataKeys()).hasSize(2);
        assertThat(usage(status, before).records()).containsEntry("message", 4L).containsEntry("contact", 4L);
        assertThat(usage(status, rotated).records()).containsEntry("message", 1L);

        List<String> progress = new ArrayList<>();
        assertThat(keys.reencrypt(workspace, progress::add)).isEqualTo(8);
        assertThat(progress).anyMatch(line -> line.startsWith("message: 4"));
        assertThat(messageRows(workspace, scenario.conversation()))
            .allMatch(r -> FieldEncryption.keyIdOf(r.ciphertext()) == rotated);
        assertThat(usage(status(workspace), rotated).records()).containsEntry("message", 5L)
            .containsEntry("contact", 4L);

        // both rotations are in the workspace's audit log, by the system, naming the new
        // key and never its material
        List<String> recorded = TestDatabase.allRows(() -> jdbc()
            .sql("select details from audit_entry "
                    + "where workspace_id = ? and action = 'key.rotated' and actor_kind = 'SYSTEM' order by sequence")
            .param(workspace.value())
            .query(String.class)
            .list());
        assertThat(recorded).hasSize(2);
        assertThat(recorded.getFirst()).contains("data", Long.toString(rotated));
        assertThat(recorded.getLast()).contains("master");
        assertThat(read(scenario)).containsAll(scenario.plaintexts()).contains(later);
    }

    private List<String> read(Scenario scenario) {
        WorkspaceId workspace = scenario.owner().workspaceId();
        Contact contact = contacts.find(workspace, scenario.contact().id()).orElseThrow();
        List<String> values = new ArrayList<>(
                List.of(contact.displayName(), contact.email(), contact.phone(), contact.ipAddress()));
        conversations.messagesAfter(workspace, scenario.conversation(), 0)
            .stream()
            .map(Message::text)
            .forEach(values::add);
        return values;
    }

    private KeyAdministration.WorkspaceStatus status(WorkspaceId workspace) {
        return keys.status().stream().filter(s -> s.workspace().equals(workspace)).findFirst().orElseThrow();
    }

    private static KeyAdministration.KeyUsage usage(KeyAdministration.WorkspaceStatus status, long keyId) {
        return status.dataKeys().stream().filter(k -> k.keyId() == keyId).findFirst().orElseThrow();
    }

    record Row(UUID id, byte[] ciphertext) {
    }

    private List<Row> messageRows(WorkspaceId workspace, ConversationId conversation) {
        return TestDatabase.allRows(() -> jdbc()
            .sql("select id, body from message where workspace_id = ? and conversation_id = ? order by seq")
            .params(workspace.value(), conversation.value())
            .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getBytes("body")))
            .list());
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    private Grants grants(Member member) {
        return fixtures.grants(member);
    }

}
