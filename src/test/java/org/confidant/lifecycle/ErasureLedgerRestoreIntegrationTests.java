package org.confidant.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.confidant.EmbeddedApplication;
import org.confidant.Fixtures;
import org.confidant.TestClock;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.job.JobId;
import org.confidant.job.JobTestSamples;
import org.confidant.shared.ContactId;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Restores, attacked: a database copied before an erasure and put back loses the erased
 * contact again at the next start, before the server answers anyone, and the log says so;
 * an old copy of the database and of the key vault put back after a workspace was
 * shredded get its keys destroyed again and its rows deleted again, so nothing of it
 * decrypts. The erasure ledger, kept apart from what was restored, is what remembers.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErasureLedgerRestoreIntegrationTests {

    @TempDir
    Path data;

    @TempDir
    Path backup;

    /** The erasure ledger, kept apart from the data folder and its backups. */
    @TempDir
    Path ledger;

    private ConfigurableApplicationContext start() {
        return EmbeddedApplication.start(data, "--confidant.crypto.ledger-directory=" + ledger);
    }

    @Test
    void aDatabaseRestoredFromBeforeAnErasureLosesTheErasedContactAgainAtTheNextStart(CapturedOutput output)
            throws IOException {
        Member owner;
        ContactId erased;
        ContactId kept;
        try (ConfigurableApplicationContext app = start()) {
            Fixtures fixtures = app.getBean(Fixtures.class);
            owner = fixtures.workspaceWithOwner();
            Inbox inbox = fixtures.liveInbox(owner, "restore.example");
            erased = customer(app, owner, inbox, "gone@example.com");
            kept = customer(app, owner, inbox, "kept@example.com");
        }
        copy(data.resolve("confidant.mv.db"), backup.resolve("confidant.mv.db"));

        try (ConfigurableApplicationContext app = start()) {
            JobId job = app.getBean(ErasureManagement.class)
                .eraseEmail(app.getBean(Fixtures.class).grants(owner), "gone@example.com");
            JobTestSamples.untilFinished(app, owner, job, Duration.ofSeconds(60));
            assertThat(app.getBean(ContactManagement.class).find(owner.workspaceId(), erased)).isEmpty();
        }
        copy(backup.resolve("confidant.mv.db"), data.resolve("confidant.mv.db"));

        try (ConfigurableApplicationContext app = start()) {
            ContactManagement contacts = app.getBean(ContactManagement.class);
            assertThat(contacts.find(owner.workspaceId(), erased)).as("the erased contact, restored").isEmpty();
            assertThat(contacts.findByEmail(owner.workspaceId(), "gone@example.com")).isEmpty();
            assertThat(app.getBean(ConversationManagement.class).ofContact(owner.workspaceId(), erased)).isEmpty();
            assertThat(contacts.find(owner.workspaceId(), kept)).isPresent();
        }
        assertThat(output.getOut())
            .contains("Erasure ledger: contact " + erased + " of workspace " + owner.workspaceId())
            .contains("was in the database again and was erased again");
    }

    @Test
    void anOldDatabaseAndKeyVaultPutBackDoNotBringAShreddedWorkspaceBack(CapturedOutput output) throws IOException {
        Member owner;
        try (ConfigurableApplicationContext app = start()) {
            Fixtures fixtures = app.getBean(Fixtures.class);
            owner = fixtures.workspaceWithOwner();
            customer(app, owner, fixtures.liveInbox(owner, "shred.example"), "someone@example.com");
        }
        copy(data.resolve("confidant.mv.db"), backup.resolve("confidant.mv.db"));
        copyTree(data.resolve("keys"), backup.resolve("keys"));
        Path keys = data.resolve("keys").resolve("workspaces").resolve(owner.workspaceId() + ".keys");
        assertThat(keys).exists();

        try (ConfigurableApplicationContext app = start()) {
            WorkspaceManagement workspaces = app.getBean(WorkspaceManagement.class);
            String name = workspaces.find(owner.workspaceId()).orElseThrow().name();
            app.getBean(CancellationManagement.class)
                .cancel(app.getBean(Fixtures.class).grants(owner), Fixtures.PASSWORD, name, "127.0.0.1");
            app.getBean(TestClock.class).move(Duration.ofDays(31));
            app.getBean(CancellationSweeper.class).run();
            assertThat(Tenancy.system("the test looks for the workspace", () -> workspaces.find(owner.workspaceId())))
                .isEmpty();
        }
        assertThat(keys).doesNotExist();
        copy(backup.resolve("confidant.mv.db"), data.resolve("confidant.mv.db"));
        deleteTree(data.resolve("keys"));
        copyTree(backup.resolve("keys"), data.resolve("keys"));
        assertThat(keys).as("the old key vault put back").exists();

        try (ConfigurableApplicationContext app = start()) {
            WorkspaceId workspace = owner.workspaceId();
            assertThat(keys).as("destroyed again at the start").doesNotExist();
            assertThat(Tenancy.system("the test looks for the workspace",
                    () -> app.getBean(WorkspaceManagement.class).find(workspace)))
                .isEmpty();
        }
        assertThat(output.getOut()).contains("Erasure ledger: the keys of workspace " + owner.workspaceId())
            .contains("Erasure ledger: workspace " + owner.workspaceId());
    }

    private static ContactId customer(ConfigurableApplicationContext app, Member owner, Inbox inbox, String email) {
        ContactManagement contacts = app.getBean(ContactManagement.class);
        ContactId contact = contacts.createVisitor(owner.workspaceId(), inbox.id(), "192.0.2.7").id();
        contacts.updateDetails(owner.workspaceId(), contact, owner.id(), "Customer", email, null);
        app.getBean(ConversationManagement.class)
            .postFromVisitor(owner.workspaceId(), inbox.id(), contact, "m-" + contact, "written by " + email);
        return contact;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

}
