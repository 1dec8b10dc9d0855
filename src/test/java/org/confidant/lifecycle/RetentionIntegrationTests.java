package org.confidant.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.TestClock;
import org.confidant.access.Grants;
import org.confidant.attachment.Attachment;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.audit.AuditLog;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Rejected;
import org.confidant.shared.TypedConfirmation;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Retention, driven by the application's clock: each window deletes what it should and
 * nothing else (resolved and inactive conversations with their messages and files, files
 * on their own with a stub left, contacts with no conversation left), legal holds keep
 * theirs, a shortened policy deletes exactly what its preview said and only after the
 * workspace's name was typed, and bad windows or an unknown inbox are refused naming the
 * field, with nothing saved.
 */
@IntegrationTest
class RetentionIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    RetentionManagement retention;

    @Autowired
    RetentionPurge purge;

    @Autowired
    LegalHoldManagement holds;

    @Autowired
    ContactManagement contacts;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    AttachmentManagement attachments;

    @Autowired
    WorkspaceManagement workspaces;

    @Autowired
    AuditLog audit;

    @Autowired
    PublishedEvents events;

    @Value("${confidant.attachments.directory}")
    Path attachmentStore;

    @LocalServerPort
    int port;

    Member owner;

    Grants grants;

    Inbox inbox;

    String name;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        grants = fixtures.grants(owner);
        inbox = fixtures.liveInbox(owner, "retention.example");
        name = workspaces.find(owner.workspaceId()).orElseThrow().name();
    }

    private ConversationId conversation(Inbox in, String text, boolean withFile) {
        ContactId visitor = contacts.createVisitor(owner.workspaceId(), in.id(), "192.0.2.1").id();
        ConversationId id = conversations.postFromVisitor(owner.workspaceId(), in.id(), visitor, "v-" + text, text)
            .message()
            .conversationId();
        conversations.postFromAgent(grants, id, "a-" + text, "answer to " + text);
        if (withFile) {
            attachments.uploadFromAgent(grants, id, text + ".txt",
                    new ByteArrayInputStream(("content of " + text).getBytes(StandardCharsets.UTF_8)));
        }
        return id;
    }

    private ConversationId resolved(Inbox in, String text, boolean withFile) {
        ConversationId id = conversation(in, text, withFile);
        conversations.resolve(grants, id);
        return id;
    }

    private void policy(RetentionPolicy policy) {
        retention.change(grants, null, policy, name);
    }

    private PurgeRun purgeAll() {
        return purge.purge(owner.workspaceId(), () -> true);
    }

    private boolean exists(ConversationId id) {
        return conversations.find(owner.workspaceId(), id).isPresent();
    }

    private long storedObjects(WorkspaceId workspace) throws IOException {
        Path folder = attachmentStore.resolve(workspace.toString());
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void badWindowsAndAnUnknownInboxAreRefusedNamingTheFieldAndNothingIsSaved() {
        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        session.get("/app/privacy/lifecycle");
        for (Map.Entry<String, String> bad : List.of(Map.entry("resolved", "0"), Map.entry("inactive", "36501"),
                Map.entry("attachments", "-3"), Map.entry("contacts", "ten"), Map.entry("audit", "364"))) {
            HttpResponse<String> answer = session.post("/app/privacy/lifecycle/policy",
                    Map.of(bad.getKey(), bad.getValue()));
            assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(answer.body()).as(bad.getKey()).contains("&quot;" + bad.getKey() + "&quot;");
        }
        HttpResponse<String> unknown = session.post("/app/privacy/lifecycle/policy",
                Map.of("inbox", "00000000-0000-4000-8000-000000000000", "resolved", "30"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("&quot;inbox&quot;");
        Member foreignOwner = fixtures.workspaceWithOwner();
        Inbox foreignInbox = fixtures.liveInbox(foreignOwner, "foreign.example");
        assertThat(session
            .post("/app/privacy/lifecycle/policy", Map.of("inbox", foreignInbox.id().toString(), "resolved", "30"))
            .statusCode()).isEqualTo(400);
        assertThat(retention.policies(grants).workspace()).isEqualTo(RetentionPolicy.FOREVER);
        assertThat(retention.policies(grants).inboxes()).isEmpty();
        assertThat(retention.keepsEverythingForever(owner.workspaceId())).isTrue();
        assertThat(session.get("/app/conversations").body()).contains("keeps-forever");
        assertThatThrownBy(() -> new RetentionPolicy(1, 1, 1, 1, 364)).isInstanceOf(Rejected.class);
    }

    @Test
    void resolvedConversationsGoWithTheirMessagesAndFilesAfterTheirWindowAndHoldsKeepTheirs() throws IOException {
        ConversationId old = resolved(inbox, "old-resolved", true);
        ConversationId held = resolved(inbox, "held-resolved", true);
        ConversationId ofHeldContact = resolved(inbox, "contact-held", false);
        ConversationId open = conversation(inbox, "still-open", false);
        holds.place(grants, LegalHold.Kind.CONVERSATION, held.toString());
        holds.place(grants, LegalHold.Kind.CONTACT,
                conversations.find(owner.workspaceId(), ofHeldContact).orElseThrow().contactId().toString());
        policy(new RetentionPolicy(30, null, null, null, null));
        assertThat(storedObjects(owner.workspaceId())).isEqualTo(2);

        clock.move(Duration.ofDays(29));
        assertThat(purgeAll().deletedAnything()).as("not yet 30 days").isFalse();
        clock.move(Duration.ofDays(2));
        PurgeRun run = purgeAll();

        assertThat(exists(old)).isFalse();
        assertThat(exists(held)).isTrue();
        assertThat(exists(ofHeldContact)).isTrue();
        assertThat(exists(open)).isTrue();
        assertThat(run.conversations()).isEqualTo(1);
        assertThat(run.messages()).isEqualTo(3);
        assertThat(run.attachments()).isEqualTo(1);
        assertThat(storedObjects(owner.workspaceId())).as("the purged file's stored object").isEqualTo(1);
        PurgeRan recorded = events.of(PurgeRan.class, owner.workspaceId()).findFirst().orElseThrow();
        assertThat(recorded.auditRecord().details()).containsOnlyKeys("conversations", "posts", "attachments",
                "contacts");
        assertThat(retention.recentRuns(grants)).extracting(PurgeRun::id).containsExactly(run.id());

        // lifting the hold lets the next run take it
        holds.release(grants, LegalHold.Kind.CONVERSATION, held.toString());
        purgeAll();
        assertThat(exists(held)).isFalse();
    }

    @Test
    void inactiveConversationsGoAndAnInboxWithItsOwnPolicyFollowsItsOwn() {
        Inbox keeps = fixtures.liveInbox(owner, "keeps.example");
        ConversationId quiet = conversation(inbox, "quiet", false);
        ConversationId quietElsewhere = conversation(keeps, "quiet-elsewhere", false);
        policy(new RetentionPolicy(null, 10, null, null, null));
        retention.change(grants, keeps.id(), new RetentionPolicy(null, 100, null, null, null), null);
        clock.move(Duration.ofDays(11));
        ConversationId lively = conversation(inbox, "lively", false);
        purgeAll();
        assertThat(exists(quiet)).isFalse();
        assertThat(exists(lively)).isTrue();
        assertThat(exists(quietElsewhere)).as("its inbox keeps 100 days").isTrue();
        clock.move(Duration.ofDays(90));
        purgeAll();
        assertThat(exists(quietElsewhere)).isFalse();
    }

    @Test
    void filesGoOnTheirOwnAndTheirMessageStaysSayingTheFileIsGone() throws IOException {
        ConversationId id = conversation(inbox, "with-file", true);
        policy(new RetentionPolicy(null, null, 10, null, null));
        clock.move(Duration.ofDays(11));
        PurgeRun run = purgeAll();
        assertThat(run.attachments()).isEqualTo(1);
        assertThat(run.conversations()).isZero();
        assertThat(exists(id)).isTrue();
        List<Attachment> files = attachments.ofConversations(owner.workspaceId(), List.of(id));
        assertThat(files).singleElement().satisfies(file -> assertThat(file.deleted()).isTrue());
        assertThat(conversations.messagesAfter(owner.workspaceId(), id, 0)).hasSize(3);
        assertThat(storedObjects(owner.workspaceId())).isZero();
    }

    @Test
    void contactsWithNoConversationLeftGoAfterTheirWindow() {
        ContactId lonely = contacts.createVisitor(owner.workspaceId(), inbox.id(), "192.0.2.2").id();
        ConversationId talking = conversation(inbox, "talking", false);
        ContactId talker = conversations.find(owner.workspaceId(), talking).orElseThrow().contactId();
        policy(new RetentionPolicy(null, null, null, 5, null));
        clock.move(Duration.ofDays(6));
        PurgeRun run = purgeAll();
        assertThat(run.contacts()).isEqualTo(1);
        assertThat(contacts.find(owner.workspaceId(), lonely)).isEmpty();
        assertThat(contacts.find(owner.workspaceId(), talker)).isPresent();
    }

    @Test
    void aShortenedPolicyDeletesExactlyWhatItsPreviewSaidAndOnlyWithTheWorkspacesName() {
        List<ConversationId> resolvedOnes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            resolvedOnes.add(resolved(inbox, "resolved-" + i, i % 2 == 0));
        }
        ConversationId held = resolved(inbox, "held", true);
        holds.place(grants, LegalHold.Kind.CONVERSATION, held.toString());
        conversation(inbox, "open-with-file", true);
        policy(new RetentionPolicy(3650, null, 3650, null, null));
        clock.move(Duration.ofDays(40));

        RetentionPolicy shorter = new RetentionPolicy(30, null, 20, null, null);
        RetentionManagement.Change previewed = retention.change(grants, null, shorter, null);
        assertThat(previewed.saved()).isFalse();
        assertThat(previewed.phrase()).isEqualTo(name);
        // 7 resolved conversations (4 with a file), and the open one's file
        assertThat(previewed.preview()).isEqualTo(new RetentionManagement.Preview(7, 5));
        assertThatThrownBy(() -> retention.change(grants, null, shorter, "not the name"))
            .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo(TypedConfirmation.MISMATCH));
        assertThat(retention.policies(grants).workspace().resolvedDays()).as("nothing saved").isEqualTo(3650);

        assertThat(retention.change(grants, null, shorter, name).saved()).isTrue();
        PurgeRun run = purgeAll();
        assertThat(run.conversations()).isEqualTo(previewed.preview().conversations());
        assertThat(run.attachments()).isEqualTo(previewed.preview().files());
        assertThat(resolvedOnes).noneMatch(this::exists);
        assertThat(exists(held)).isTrue();
        // lengthening again asks for nothing
        assertThat(retention.change(grants, null, new RetentionPolicy(60, null, 30, null, null), null).saved())
            .isTrue();
    }

    @Test
    void theAuditLogIsKeptAtLeastAYearAndAsTheWorkspaceChooses() {
        assertThat(audit.retention(owner.workspaceId())).isEqualTo(audit.defaultRetention());
        assertThatThrownBy(() -> policy(new RetentionPolicy(null, null, null, null, 100))).isInstanceOf(Rejected.class);
        retention.change(grants, null, new RetentionPolicy(null, null, null, null, 800), null);
        assertThat(audit.retention(owner.workspaceId())).isEqualTo(Duration.ofDays(800));
        assertThat(retention.policies(grants).workspace().auditDays()).isEqualTo(800);
        // back to 400 days: shorter, so the workspace's name is asked for
        assertThat(retention.change(grants, null, new RetentionPolicy(null, null, null, null, 400), null).saved())
            .isFalse();
    }

}
