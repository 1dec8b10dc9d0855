package org.confidant.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.confidant.EncryptionAtRestScans;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestClock;
import org.confidant.TestDatabase;
import org.confidant.access.Grants;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.job.JobId;
import org.confidant.job.JobTestSamples;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessions;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After an erasure and a purge, nothing of what went is anywhere: distinctive canaries
 * typed into every field (names, emails, phones, messages both ways, file names and
 * contents) are found in none of the embedded database's files (or a {@code pg_dump} on
 * PostgreSQL), the attachment store or the log; none of the rows or stored objects are
 * left; the audit entries about them name ids and counts only. The scan can find things:
 * a bystander's canary, stored the same way, is found in the store's files... as
 * ciphertext only, so the scan looks for what is stored in clear on purpose (the inbox's
 * name) to prove it reads the right bytes.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErasedPlaintextIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    TestClock clock;

    @Autowired
    ErasureManagement erasures;

    @Autowired
    RetentionManagement retention;

    @Autowired
    RetentionPurge purge;

    @Autowired
    ContactManagement contacts;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    AttachmentManagement attachments;

    @Autowired
    VisitorSessions sessions;

    @Autowired
    WorkspaceManagement workspaces;

    @Autowired
    DataSource dataSource;

    @Value("${confidant.data-dir}")
    Path dataDir;

    @Value("${confidant.attachments.directory}")
    Path attachmentStore;

    record Person(ContactId contact, List<ConversationId> conversations, List<String> canaries) {
    }

    private Person person(Member owner, Inbox inbox, String tag, boolean resolve) {
        String canary = "zq" + tag + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        VisitorSession visitor = sessions.open(inbox.id(), null, Fixtures.HOST, null, "203.0.113.77", null);
        Grants grants = fixtures.grants(owner);
        List<String> canaries = List.of("Name" + canary, canary + "@example.org", "+31 6 " + canary.length() + "1234",
                "visitor wrote " + canary, "agent wrote " + canary, "file" + canary + ".txt", "content " + canary);
        contacts.updateDetails(owner.workspaceId(), visitor.contactId(), owner.id(), canaries.get(0), canaries.get(1),
                canaries.get(2));
        ConversationId conversation = conversations
            .postFromVisitor(owner.workspaceId(), inbox.id(), visitor.contactId(), "v-" + canary, canaries.get(3))
            .message()
            .conversationId();
        conversations.postFromAgent(grants, conversation, "a-" + canary, canaries.get(4));
        attachments.uploadFromAgent(grants, conversation, canaries.get(5),
                new ByteArrayInputStream(canaries.get(6).getBytes(StandardCharsets.UTF_8)));
        if (resolve) {
            conversations.resolve(grants, conversation);
        }
        return new Person(visitor.contactId(), List.of(conversation), canaries);
    }

    @Test
    void afterAnErasureAndAPurgeNoneOfTheirPlaintextsRowsOrObjectsAreLeftAnywhere(CapturedOutput output)
            throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = fixtures.liveInbox(owner, "plaintext-scan.example");
        Person erased = person(owner, inbox, "erased", false);
        Person purged = person(owner, inbox, "purged", true);
        String name = workspaces.find(owner.workspaceId()).orElseThrow().name();
        retention.change(fixtures.grants(owner), null, new RetentionPolicy(1, null, null, 1, null), name);

        JobId job = erasures.eraseEmail(fixtures.grants(owner), erased.canaries().get(1));
        JobTestSamples.untilFinished(context, owner, job, Duration.ofSeconds(30));
        clock.move(Duration.ofDays(2));
        PurgeRun run = purge.purge(owner.workspaceId(), () -> true);
        assertThat(run.conversations()).isEqualTo(1);
        assertThat(run.contacts()).as("the purged conversation's contact, left without one").isEqualTo(1);

        WorkspaceId workspace = owner.workspaceId();
        for (Person gone : List.of(erased, purged)) {
            assertThat(count("select count(*) from contact where workspace_id = ? and id = ?", workspace,
                    gone.contact().value()))
                .isZero();
            assertThat(count("select count(*) from visitor_session where workspace_id = ? and contact_id = ?",
                    workspace, gone.contact().value()))
                .isZero();
            assertThat(count("select count(*) from attachment where workspace_id = ? and contact_id = ?", workspace,
                    gone.contact().value()))
                .isZero();
            for (ConversationId conversation : gone.conversations()) {
                assertThat(count("select count(*) from message where workspace_id = ? and conversation_id = ?",
                        workspace, conversation.value()))
                    .isZero();
                assertThat(count("select count(*) from conversation where workspace_id = ? and id = ?", workspace,
                        conversation.value()))
                    .isZero();
            }
        }
        assertThat(storedObjects(workspace)).as("stored objects of the workspace").isEmpty();

        byte[] database = TestDatabase.isPostgres() ? EncryptionAtRestScans.pgDump()
                : EncryptionAtRestScans.h2Files(dataSource, dataDir);
        byte[] store = allBytes(attachmentStore);
        byte[] log = output.getAll().getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        for (Person gone : List.of(erased, purged)) {
            for (String canary : gone.canaries()) {
                for (var where : List.of(java.util.Map.entry("database", database), java.util.Map.entry("store", store),
                        java.util.Map.entry("log", log))) {
                    if (EncryptionAtRestScans.indexOf(where.getValue(), canary.getBytes(StandardCharsets.UTF_8)) >= 0) {
                        found.add(canary + " in the " + where.getKey());
                    }
                }
            }
        }
        System.out.printf("erasure.plaintext_scan %d canaries, %d found in %d database, %d store and %d log bytes%n",
                14, found.size(), database.length, store.length, log.length);
        assertThat(found).isEmpty();
        // the scan reads the right bytes: what is stored in clear on purpose is found
        assertThat(EncryptionAtRestScans.indexOf(database, "plaintext-scan.example".getBytes(StandardCharsets.UTF_8)))
            .isNotNegative();
        // the audit entries about them: ids and counts
        List<String> details = TestDatabase.allRows(() -> JdbcClient.create(dataSource)
            .sql("select details from audit_entry where workspace_id = ? and action in ('contact.erased', "
                    + "'retention.purged')")
            .param(workspace.value())
            .query(String.class)
            .list());
        assertThat(details).hasSize(2)
            .allMatch(d -> Pattern.matches("\\{(\"[a-z]+\":\"[0-9]+\",?)+}", d.replace(" ", "")));
    }

    private long count(String sql, WorkspaceId workspace, UUID id) {
        return TestDatabase.allRows(
                () -> JdbcClient.create(dataSource).sql(sql).params(workspace.value(), id).query(Long.class).single());
    }

    private List<Path> storedObjects(WorkspaceId workspace) throws IOException {
        Path folder = attachmentStore.resolve(workspace.toString());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static byte[] allBytes(Path folder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.write(Files.readAllBytes(file));
                }
            }
        }
        return out.toByteArray();
    }

}
