package org.confidant.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.confidant.EmbeddedApplication;
import org.confidant.TestDatabase;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
import org.confidant.crypto.spi.MasterKey;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;

import com.google.crypto.tink.Aead;
import org.confidant.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Bean;

/**
 * The master key across restarts: created owner-only on first start; a missing, wrong or
 * corrupt key stops the start before anything is written; rotation keeps everything
 * readable after a restart; and crypto-shredding makes a restored pre-deletion copy of
 * the database unreadable.
 */
class MasterKeyIntegrationTests {

    @TempDir
    Path dataDir;

    record Written(WorkspaceId workspace, ConversationId conversation, List<String> texts) {
    }

    @Test
    void theFirstStartCreatesAnOwnerOnlyMasterKeyAndRestartsReadEverything() throws Exception {
        Written written;
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir)) {
            written = write(app, "first");
        }
        Path keys = dataDir.resolve("keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("master-key.json"))))
            .isEqualTo("rw-------");
        assertThat(PosixFilePermissions
            .toString(Files.getPosixFilePermissions(keys.resolve("workspaces").resolve(written.workspace() + ".keys"))))
            .isEqualTo("rw-------");

        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir)) {
            assertThat(read(app, written)).isEqualTo(written.texts());
        }
    }

    @Test
    void aMissingWrongOrCorruptMasterKeyStopsTheStartAndWritesNothing() throws Exception {
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir)) {
            write(app, "before");
        }
        Path keyFile = dataDir.resolve("keys").resolve("master-key.json");
        Path saved = Files.copy(keyFile, dataDir.resolve("saved-master-key.json"));
        Map<Path, String> before = fingerprints();

        Files.delete(keyFile);
        assertStartFails("is missing");
        Files.writeString(keyFile, LocalMasterKey.generate().toJson());
        assertStartFails("is not the key this data was encrypted under");
        Files.writeString(keyFile, "{\"primaryKeyId\": 1, \"key\": [garbage");
        assertStartFails("is corrupt");
        Files.writeString(keyFile, "not json, not base64 !!");
        assertStartFails("neither a Tink JSON keyset nor base64");

        assertThat(fingerprints()).as("the database and the vault are untouched").isEqualTo(before);
        Files.copy(saved, keyFile, StandardCopyOption.REPLACE_EXISTING);
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir)) {
            assertThat(app.isRunning()).isTrue();
        }
    }

    @Test
    void afterAMasterKeyRotationARestartReadsEverythingAndTheOldKeyNoLongerOpensTheVault() throws Exception {
        Written written;
        Path keyFile = dataDir.resolve("keys").resolve("master-key.json");
        String oldKey;
        EncryptedColumn accountSecret = new EncryptedColumn("totp_factor", "secret");
        byte[] secret = "an account's secret".getBytes(StandardCharsets.UTF_8);
        byte[] deploymentCiphertext;
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir)) {
            written = write(app, "rotate");
            deploymentCiphertext = app.getBean(DeploymentEncryption.class).encrypt(accountSecret, "row-1", secret);
            assertThat(PosixFilePermissions
                .toString(Files.getPosixFilePermissions(keyFile.resolveSibling("deployment.keys"))))
                .isEqualTo("rw-------");
            oldKey = Files.readString(keyFile);
            app.getBean(KeyAdministration.class).rotateMasterKey();
            written = new Written(written.workspace(), written.conversation(), written.texts());
            assertThat(read(app, written)).isEqualTo(written.texts());
            write(app, "after rotation, before restart");
        }
        assertThat(Files.readString(keyFile)).isNotEqualTo(oldKey);
        assertThat(Files.exists(keyFile.resolveSibling("master-key.json.next"))).isFalse();
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir)) {
            assertThat(read(app, written)).isEqualTo(written.texts());
            DeploymentEncryption deployment = app.getBean(DeploymentEncryption.class);
            assertThat(deployment.decrypt(accountSecret, "row-1", deploymentCiphertext))
                .as("the deployment keyset was re-wrapped too")
                .isEqualTo(secret);
            assertThatThrownBy(() -> deployment.decrypt(accountSecret, "row-2", deploymentCiphertext))
                .isInstanceOf(IntegrityException.class);
        }
        Files.writeString(keyFile, oldKey);
        assertStartFails("is not the key this data was encrypted under");
    }

    @Test
    void deletingAWorkspaceShredsItsKeysSoARestoredPreDeletionCopyOfTheDatabaseIsUnreadable() throws Exception {
        Written doomed;
        Written kept;
        Map<String, Object> stored;
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir)) {
            doomed = write(app, "doomed");
            kept = write(app, "kept");
            stored = TestDatabase.allRows(() -> app.getBean(JdbcClient.class)
                .sql("select id, body from message where workspace_id = ? and conversation_id = ? order by seq")
                .params(doomed.workspace().value(), doomed.conversation().value())
                .query()
                .listOfRows()
                .getFirst());
        }
        Path database = dataDir.resolve("confidant.mv.db");
        Path backup = Files.copy(database, dataDir.resolve("backup-before-deletion.mv.db"));

        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir)) {
            app.getBean(WorkspaceManagement.class).delete(doomed.workspace());
            assertThat(app.getBean(WorkspaceManagement.class).find(doomed.workspace())).isEmpty();
            assertThatThrownBy(() -> read(app, doomed)).isInstanceOf(NotFound.class);
            assertThat(read(app, kept)).isEqualTo(kept.texts());
        }
        Files.copy(backup, database, StandardCopyOption.REPLACE_EXISTING); // the operator
                                                                           // restores the
                                                                           // backup

        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir)) {
            // the erasure ledger deleted the restored workspace's rows again at the
            // start,
            // and what a copy of them holds does not decrypt
            assertThatThrownBy(() -> read(app, doomed)).isInstanceOf(NotFound.class);
            FieldEncryption encryption = app.getBean(FieldEncryption.class);
            assertThatThrownBy(() -> encryption.decrypt(doomed.workspace(), new EncryptedColumn("message", "body"),
                    (UUID) stored.get("id"), (byte[]) stored.get("body")))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("destroyed");
            assertThatThrownBy(() -> encryption.encrypt(doomed.workspace(), new EncryptedColumn("message", "body"), "x",
                    "new data"))
                .as("a shredded workspace never gets keys again")
                .isInstanceOf(IntegrityException.class);
            assertThat(read(app, kept)).as("other workspaces are untouched").isEqualTo(kept.texts());
        }
    }

    /**
     * Stands in for a cloud KMS: a master key that lives outside Confidant's data folder.
     * Not a {@code @Configuration}, so that component scanning never adds it to other
     * tests' applications; it is passed as a source explicitly.
     */
    static class InMemoryKms {

        static final LocalMasterKey KEY = LocalMasterKey.generate();

        @Bean
        MasterKey kmsMasterKey() {
            return new MasterKey() {
                @Override
                public String id() {
                    return "test-kms:key/1";
                }

                @Override
                public Aead aead() {
                    return KEY.aead();
                }
            };
        }

    }

    @Test
    void aMasterKeyFromTheKmsSpiIsUsedAndNoKeyFileIsMade() {
        Written written;
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir, List.of(InMemoryKms.class))) {
            written = write(app, "kms");
            assertThat(app.getBean(KeyAdministration.class).status()).singleElement()
                .extracting(KeyAdministration.WorkspaceStatus::masterKeyId)
                .isEqualTo("test-kms:key/1");
        }
        assertThat(dataDir.resolve("keys").resolve("master-key.json")).doesNotExist();
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir, List.of(InMemoryKms.class))) {
            assertThat(read(app, written)).isEqualTo(written.texts());
        }
        assertStartFails("is missing"); // without the KMS, the local key file is not
                                        // there
    }

    private Written write(ConfigurableApplicationContext app, String tag) {
        Member owner = app.getBean(Fixtures.class).workspaceWithOwner();
        Inbox inbox = app.getBean(InboxManagement.class)
            .create(app.getBean(Fixtures.class).grants(owner), "site.example");
        ContactManagement contacts = app.getBean(ContactManagement.class);
        Contact visitor = contacts.createVisitor(owner.workspaceId(), inbox.id(), "192.0.2.1");
        contacts.updateDetails(owner.workspaceId(), visitor.id(), owner.id(), "Name " + tag,
                tag.replace(' ', '-') + "@example.org", "+1 555 0100");
        ConversationManagement conversations = app.getBean(ConversationManagement.class);
        List<String> texts = List.of("hello " + tag, "order 1234 " + tag);
        ConversationId conversation = null;
        for (int i = 0; i < texts.size(); i++) {
            conversation = conversations
                .postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), "m" + i, texts.get(i))
                .message()
                .conversationId();
        }
        return new Written(owner.workspaceId(), conversation, texts);
    }

    private static List<String> read(ConfigurableApplicationContext app, Written written) {
        return app.getBean(ConversationManagement.class)
            .messagesAfter(written.workspace(), written.conversation(), 0)
            .stream()
            .map(Message::text)
            .toList();
    }

    private void assertStartFails(String message) {
        assertThatThrownBy(() -> EmbeddedApplication.start(dataDir).close())
            .hasRootCauseInstanceOf(MasterKeyException.class)
            .rootCause()
            .hasMessageContaining(message);
    }

    /** A digest of every file of the data folder but the master key itself. */
    private Map<Path, String> fingerprints() throws Exception {
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        try (var files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile)
                .filter(f -> !f.getFileName().toString().startsWith("master-key.json"))
                .filter(f -> !f.getFileName().toString().startsWith("saved-master-key"))
                .collect(java.util.stream.Collectors.toMap(f -> f, f -> {
                    try {
                        return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(f)));
                    }
                    catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
        }
    }

}
