package org.confidant.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.confidant.attachment.AttachmentTestSamples.anonymousGet;
import static org.confidant.attachment.AttachmentTestSamples.filesUnder;
import static org.confidant.attachment.AttachmentTestSamples.visitorLink;
import static org.confidant.attachment.AttachmentTestSamples.visitorUpload;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.confidant.DashboardSession;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
import org.confidant.crypto.FieldEncryption;
import org.confidant.crypto.IntegrityException;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.realtime.TestSocket;
import org.confidant.shared.AuditAction;
import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessions;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attachments over real HTTP: content sniffing, the size cap, quotas, encryption at rest,
 * signed links and their attacks, download headers, cross-workspace probes; and every
 * refusal leaves the store, the upload folder and the tables as they were.
 */
@IntegrationTest(profiles = "quotas")
class AttachmentIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    VisitorSessions visitorSessions;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    SignedLinks links;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PublishedEvents events;

    @Value("${confidant.attachments.directory}")
    Path storeDirectory;

    @Value("${confidant.attachments.incoming-directory}")
    Path incomingDirectory;

    Member owner;

    Inbox inbox;

    DashboardSession ownerSession;

    @BeforeEach
    void newWorkspace() {
        owner = fixtures.workspaceWithOwner();
        inbox = fixtures.liveInbox(owner, "shop.example");
        ownerSession = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
    }

    @Test
    void aPngNamedExeIsAcceptedAsAPngPostedInTheConversationAndServedBackToItsViewers() throws Exception {
        VisitorSession visitor = newVisitor();
        byte[] png = AttachmentTestSamples.png();

        HttpResponse<String> response = visitorUpload(port, visitor.token(), "../../invoice.exe", png);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode uploaded = JSON.readTree(response.body());
        assertThat(uploaded.path("type").asString()).isEqualTo("image/png");
        assertThat(uploaded.path("name").asString()).isEqualTo("invoice.exe.png");
        assertThat(uploaded.path("size").asLong()).isEqualTo(png.length);
        String id = uploaded.path("id").asString();
        String conversation = uploaded.path("conversation").asString();

        Message message = lastMessage(visitor.workspaceId(), conversation);
        assertThat(message.text()).isEqualTo("invoice.exe.png");
        assertThat(message.file().attachmentId().toString()).isEqualTo(id);
        assertThat(message.file().contentType()).isEqualTo("image/png");

        assertThat(events.of(AttachmentUploaded.class, visitor.workspaceId())
            .filter(e -> e.attachment().id().toString().equals(id))).singleElement().satisfies(e -> {
                assertThat(e.auditRecord().action()).isEqualTo(AuditAction.ATTACHMENT_UPLOADED);
                assertThat(e.auditRecord().actor().id()).isEqualTo(visitor.contactId().toString());
                assertThat(e.auditRecord().details()).doesNotContainValue("invoice.exe.png");
            });

        byte[] stored = Files.readAllBytes(storeDirectory.resolve(visitor.workspaceId() + "/" + id));
        assertThat(stored).isNotEqualTo(png);
        assertThat(indexOf(stored, Arrays.copyOfRange(png, 0, 16))).as("PNG header in the stored object").isEqualTo(-1);

        // the agent's catch-up carries the file, and a file the agent sends arrives live
        HttpResponse<String> page = ownerSession.get("/app/conversations/" + conversation);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/app/attachments/" + id + "/download").contains("image/png, ");
        try (TestSocket agent = TestSocket.agent(port, ownerSession.cookie())) {
            agent.next("welcome");
            agent.send(Map.of("type", "watch", "conversation", conversation, "after", 0));
            JsonNode frame = agent.next("message");
            assertThat(frame.path("attachment").path("id").asString()).isEqualTo(id);
            assertThat(frame.path("attachment").path("name").asString()).isEqualTo("invoice.exe.png");
            assertThat(frame.path("attachment").path("type").asString()).isEqualTo("image/png");
            assertThat(frame.path("attachment").path("size").asLong()).isEqualTo(png.length);
            agent.next("synced");

            HttpResponse<String> agentUpload = ownerSession.postBytes(
                    "/app/conversations/" + conversation + "/attachments?name=notes.txt", AttachmentTestSamples.TEXT);
            assertThat(agentUpload.statusCode()).as(agentUpload.body()).isEqualTo(200);
            JsonNode live = agent.next("message");
            assertThat(live.path("attachment").path("type").asString()).isEqualTo("text/plain");
            assertThat(live.path("author").path("kind").asString()).isEqualTo("agent");
        }

        // the agent downloads through a fresh signed link
        HttpResponse<String> redirect = ownerSession.get("/app/attachments/" + id + "/download");
        assertThat(redirect.statusCode()).isEqualTo(302);
        String agentLink = redirect.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> agentDownload = ownerSession.getBytes(agentLink);
        assertThat(agentDownload.statusCode()).isEqualTo(200);
        assertThat(agentDownload.body()).isEqualTo(png);
        assertThat(agentDownload.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");

        // the visitor downloads through theirs, without any session
        String visitorUrl = JSON.readTree(visitorLink(port, visitor.token(), id).body()).path("url").asString();
        HttpResponse<byte[]> visitorDownload = anonymousGet(port, visitorUrl);
        assertThat(visitorDownload.statusCode()).isEqualTo(200);
        assertThat(visitorDownload.body()).isEqualTo(png);
    }

    @Test
    void everyRefusalIsAClearErrorAndLeavesNoFileRowOrMessage() {
        VisitorSession visitor = newVisitor();
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
        byte[] png = AttachmentTestSamples.png();
        System.arraycopy(png, 0, tooLarge, 0, png.length);
        record Case(String name, byte[] content, int status, String code) {
        }
        List<Case> cases = List.of(
                new Case("photo.png", AttachmentTestSamples.HTML, 400, "attachment_type_not_allowed"),
                new Case("logo.svg", AttachmentTestSamples.SVG, 400, "attachment_type_not_allowed"),
                new Case("tool.pdf", AttachmentTestSamples.ELF, 400, "attachment_type_not_allowed"),
                new Case("empty.txt", new byte[0], 400, "attachment_empty"),
                new Case("huge.png", tooLarge, 413, "attachment_too_large"));
        for (Case c : cases) {
            Set<String> filesBefore = filesUnder(storeDirectory, incomingDirectory);
            Map<String, Long> rowsBefore = rows(visitor.workspaceId());

            HttpResponse<String> response = visitorUpload(port, visitor.token(), c.name(), c.content());

            assertThat(response.statusCode()).as(c.name() + ": " + response.body()).isEqualTo(c.status());
            assertThat(response.body()).contains("\"code\":\"" + c.code() + "\"").doesNotContain("Exception");
            assertThat(filesUnder(storeDirectory, incomingDirectory)).as(c.name()).isEqualTo(filesBefore);
            assertThat(rows(visitor.workspaceId())).as(c.name()).isEqualTo(rowsBefore);
        }
        assertThat(events.of(AttachmentRejected.class, visitor.workspaceId()).map(AttachmentRejected::reason))
            .containsExactlyElementsOf(cases.stream().map(Case::code).toList());
        // agents are held to the same rules
        ConversationId conversation = conversationOf(newVisitor());
        Map<String, Long> rowsBefore = rows(owner.workspaceId());
        ownerSession.get("/app/conversations/" + conversation);
        HttpResponse<String> agentHtml = ownerSession.postBytes(
                "/app/conversations/" + conversation + "/attachments?name=invoice.pdf", AttachmentTestSamples.HTML);
        assertThat(agentHtml.statusCode()).isEqualTo(400);
        assertThat(agentHtml.body()).contains("attachment_type_not_allowed");
        assertThat(rows(owner.workspaceId())).isEqualTo(rowsBefore);
    }

    @Test
    void aVisitorsDailyQuotaCountsFilesAndBytes() {
        VisitorSession visitor = newVisitor();
        for (int i = 0; i < 3; i++) {
            assertThat(
                    visitorUpload(port, visitor.token(), "note" + i + ".txt", AttachmentTestSamples.TEXT).statusCode())
                .isEqualTo(200);
        }
        Map<String, Long> rowsBefore = rows(visitor.workspaceId());
        HttpResponse<String> fourth = visitorUpload(port, visitor.token(), "note3.txt", AttachmentTestSamples.TEXT);
        assertThat(fourth.statusCode()).isEqualTo(400);
        assertThat(fourth.body()).contains("attachment_quota");
        assertThat(rows(visitor.workspaceId())).isEqualTo(rowsBefore);

        VisitorSession another = newVisitor();
        byte[] text = "a".repeat(600 * 1024).getBytes(StandardCharsets.US_ASCII);
        assertThat(visitorUpload(port, another.token(), "a.txt", text).statusCode()).isEqualTo(200);
        Set<String> filesBefore = filesUnder(storeDirectory, incomingDirectory);
        HttpResponse<String> overBytes = visitorUpload(port, another.token(), "b.txt", text);
        assertThat(overBytes.statusCode()).isEqualTo(400);
        assertThat(overBytes.body()).contains("attachment_quota");
        assertThat(filesUnder(storeDirectory, incomingDirectory)).isEqualTo(filesBefore);
    }

    @Test
    void storedObjectsAreBoundToTheirAttachment() throws Exception {
        VisitorSession visitor = newVisitor();
        String first = uploadedId(visitorUpload(port, visitor.token(), "a.png", AttachmentTestSamples.png()));
        String second = uploadedId(visitorUpload(port, visitor.token(), "b.txt", AttachmentTestSamples.TEXT));
        Path firstObject = storeDirectory.resolve(visitor.workspaceId() + "/" + first);
        Path secondObject = storeDirectory.resolve(visitor.workspaceId() + "/" + second);
        byte[] firstBytes = Files.readAllBytes(firstObject);
        byte[] secondBytes = Files.readAllBytes(secondObject);

        assertThatThrownBy(() -> encryption.decryptBytes(visitor.workspaceId(), Attachments.CONTENT,
                AttachmentId.of(first).value(), secondBytes))
            .isInstanceOf(IntegrityException.class);
        Files.write(firstObject, secondBytes);
        Files.write(secondObject, firstBytes);

        for (String id : List.of(first, second)) {
            String url = JSON.readTree(visitorLink(port, visitor.token(), id).body()).path("url").asString();
            assertThat(anonymousGet(port, url).statusCode()).as("swapped object of " + id).isEqualTo(404);
        }
    }

    @Test
    void signedLinksRefuseExpiredTamperedSomeoneElsesForeignAndDeleted() throws Exception {
        VisitorSession visitor = newVisitor();
        String id = uploadedId(visitorUpload(port, visitor.token(), "a.txt", AttachmentTestSamples.TEXT));
        String valid = JSON.readTree(visitorLink(port, visitor.token(), id).body()).path("url").asString();
        assertThat(anonymousGet(port, valid).statusCode()).isEqualTo(200);
        WorkspaceId workspace = visitor.workspaceId();
        AttachmentId attachment = AttachmentId.of(id);

        SignedLinks.Viewer self = new SignedLinks.Viewer(false, visitor.contactId().value());
        String expired = links.mint(workspace, attachment, self, Instant.now().minusSeconds(1)).url();
        String otherVisitor = links
            .mint(workspace, attachment, new SignedLinks.Viewer(false, newVisitor().contactId().value()),
                    Instant.now().plusSeconds(60))
            .url();
        Member foreign = fixtures.workspaceWithOwner();
        String signedByForeign = links.mint(foreign.workspaceId(), attachment, self, Instant.now().plusSeconds(60))
            .url();
        String signature = valid.substring(valid.indexOf("&s=") + 3);
        char last = signature.charAt(signature.length() - 2);
        Map<String, String> refused = Map.of("expired", expired, "tampered signature",
                valid.substring(0, valid.length() - 2) + (last == 'A' ? 'B' : 'A') + valid.charAt(valid.length() - 1),
                "lengthened expiry", valid.replaceFirst("&e=(\\d+)", "&e=9$1"), "no signature",
                valid.substring(0, valid.indexOf("&s=")), "another visitor's", otherVisitor,
                "signed by another workspace", signedByForeign, "moved to another workspace",
                valid.replace("w=" + workspace, "w=" + foreign.workspaceId()));
        refused.forEach((what, url) -> assertThat(anonymousGet(port, url).statusCode()).as(what).isEqualTo(404));

        // a member's link works for that member's session only
        HttpResponse<String> redirect = ownerSession.get("/app/attachments/" + id + "/download");
        String memberLink = redirect.headers().firstValue("Location").orElseThrow();
        Member colleague = fixtures.agent(owner, "Colleague");
        fixtures.joinInbox(owner, inbox.id(), colleague);
        DashboardSession colleagueSession = DashboardSession.signIn(port, colleague.email(), Fixtures.PASSWORD);
        assertThat(colleagueSession.getBytes(memberLink).statusCode()).as("colleague with the owner's link")
            .isEqualTo(404);
        assertThat(anonymousGet(port, memberLink).statusCode()).as("owner's link without a session").isEqualTo(404);
        assertThat(ownerSession.getBytes(memberLink).statusCode()).isEqualTo(200);

        // deleted: the links die, the object goes, no new link is given
        ownerSession.get("/app/conversations/" + conversationOf(visitor));
        HttpResponse<String> delete = ownerSession.post("/app/attachments/" + id + "/delete", Map.of());
        assertThat(delete.statusCode()).isEqualTo(302);
        assertThat(events.of(AttachmentDeleted.class, workspace)).singleElement()
            .satisfies(e -> assertThat(e.auditRecord().actor().id()).isEqualTo(owner.id().toString()));
        assertThat(anonymousGet(port, valid).statusCode()).as("deleted").isEqualTo(404);
        assertThat(ownerSession.getBytes(memberLink).statusCode()).as("deleted").isEqualTo(404);
        assertThat(storeDirectory.resolve(workspace + "/" + id)).doesNotExist();
        assertThat(visitorLink(port, visitor.token(), id).statusCode()).isEqualTo(404);
        assertThat(ownerSession.get("/app/attachments/" + id + "/download").statusCode()).isEqualTo(404);
    }

    @Test
    void downloadsAreAttachmentsWithASafeNameThatNothingRendersOrCaches() throws Exception {
        VisitorSession visitor = newVisitor();
        String id = uploadedId(visitorUpload(port, visitor.token(), "Rapport été \"final\";\u202Egnp.txt",
                AttachmentTestSamples.TEXT));
        String url = JSON.readTree(visitorLink(port, visitor.token(), id).body()).path("url").asString();

        HttpResponse<byte[]> download = anonymousGet(port, url);

        assertThat(download.statusCode()).isEqualTo(200);
        var headers = download.headers();
        assertThat(headers.firstValue("Content-Disposition").orElseThrow())
            .isEqualTo("attachment; filename=\"Rapport _t_ _final_;gnp.txt\"; "
                    + "filename*=UTF-8''Rapport%20%C3%A9t%C3%A9%20_final_%3Bgnp.txt");
        assertThat(headers.firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
        assertThat(headers.firstValue("Content-Security-Policy").orElseThrow()).startsWith("sandbox");
        assertThat(headers.allValues("Content-Security-Policy")).hasSize(1);
        assertThat(headers.firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(headers.firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(download.body()).isEqualTo(AttachmentTestSamples.TEXT);
    }

    @Test
    void anotherWorkspaceFindsNothing() {
        VisitorSession visitor = newVisitor();
        String id = uploadedId(visitorUpload(port, visitor.token(), "a.txt", AttachmentTestSamples.TEXT));
        ConversationId conversation = conversationOf(visitor);

        Member foreign = fixtures.workspaceWithOwner();
        Inbox foreignInbox = fixtures.liveInbox(foreign, "elsewhere.example");
        DashboardSession foreignSession = DashboardSession.signIn(port, foreign.email(), Fixtures.PASSWORD);
        foreignSession.get("/app/members");
        assertThat(foreignSession.get("/app/attachments/" + id + "/download").statusCode()).isEqualTo(404);
        assertThat(foreignSession.post("/app/attachments/" + id + "/delete", Map.of()).statusCode()).isEqualTo(404);
        assertThat(foreignSession
            .postBytes("/app/conversations/" + conversation + "/attachments?name=x.txt", AttachmentTestSamples.TEXT)
            .statusCode()).isEqualTo(404);
        VisitorSession foreignVisitor = visitorSessions.open(foreignInbox.id(), null, Fixtures.HOST, null, "192.0.2.77",
                null);
        assertThat(visitorLink(port, foreignVisitor.token(), id).statusCode()).isEqualTo(404);
        // nor does another visitor of the same inbox, nor a caller without a token
        assertThat(visitorLink(port, newVisitor().token(), id).statusCode()).isEqualTo(404);
        assertThat(visitorUpload(port, null, "a.txt", AttachmentTestSamples.TEXT).statusCode()).isEqualTo(404);
        assertThat(storeDirectory.resolve(visitor.workspaceId() + "/" + id)).exists();
    }

    @Test
    void deletingAWorkspaceRemovesItsStoredFilesAndRows() {
        VisitorSession visitor = newVisitor();
        String id = uploadedId(visitorUpload(port, visitor.token(), "a.png", AttachmentTestSamples.png()));
        assertThat(storeDirectory.resolve(visitor.workspaceId() + "/" + id)).exists();

        context.getBean(WorkspaceManagement.class).delete(visitor.workspaceId());

        assertThat(storeDirectory.resolve(visitor.workspaceId() + "/" + id)).doesNotExist();
        assertThat(count("attachment", visitor.workspaceId())).isZero();
    }

    @Test
    void theConversationPageSaysFilesAreNotScannedWhenScanningIsOff() {
        ConversationId conversation = conversationOf(newVisitor());
        assertThat(ownerSession.get("/app/conversations/" + conversation).body())
            .contains("Attachments are not scanned for malware.");
    }

    private VisitorSession newVisitor() {
        return visitorSessions.open(inbox.id(), null, Fixtures.HOST, null, "192.0.2.44", null);
    }

    /** The visitor's conversation, opened by a first message if they have none. */
    private ConversationId conversationOf(VisitorSession visitor) {
        return conversations.findForContact(visitor.workspaceId(), visitor.inboxId(), visitor.contactId())
            .map(c -> c.id())
            .orElseGet(() -> conversations
                .postFromVisitor(visitor.workspaceId(), visitor.inboxId(), visitor.contactId(),
                        "hello-" + visitor.contactId(), "Hello")
                .message()
                .conversationId());
    }

    private Message lastMessage(WorkspaceId workspace, String conversation) {
        List<Message> messages = conversations.messagesAfter(workspace, ConversationId.of(conversation), 0);
        return messages.get(messages.size() - 1);
    }

    private Map<String, Long> rows(WorkspaceId workspace) {
        return Map.of("attachment", count("attachment", workspace), "message", count("message", workspace),
                "conversation", count("conversation", workspace));
    }

    private long count(String table, WorkspaceId workspace) {
        return jdbc.sql("select count(*) from " + table + " where workspace_id = ?")
            .param(workspace.value())
            .query(Long.class)
            .single();
    }

    private static String uploadedId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
