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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.TestClock;
import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.api.ApiTestClient;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.inbox.Inbox;
import org.confidant.job.JobId;
import org.confidant.job.JobState;
import org.confidant.job.JobTestSamples;
import org.confidant.privacy.Consent;
import org.confidant.privacy.ConsentManagement;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports, attacked: a contact's ZIP holds a {@code contact.json} that validates against
 * its published schema and holds exactly that contact's data (never another contact's,
 * never another workspace's), a transcript in which markup a person typed stays text, and
 * their files; the workspace's holds everything, members without secrets; a download link
 * works only for its requester, unchanged and unexpired, and an export is gone after 24
 * hours; the API follows the pages' permissions.
 */
@IntegrationTest
class ExportIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    TestClock clock;

    @Autowired
    ExportManagement exports;

    @Autowired
    ExportExpiry expiry;

    @Autowired
    ContactManagement contacts;

    @Autowired
    ConsentManagement consents;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    AttachmentManagement attachments;

    @Autowired
    PublishedEvents events;

    @Value("${confidant.lifecycle.exports-directory}")
    Path exportsDirectory;

    @LocalServerPort
    int port;

    Member owner;

    Grants grants;

    Inbox inbox;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        grants = fixtures.grants(owner);
        inbox = fixtures.liveInbox(owner, "export.example");
    }

    private ContactId contactWith(Member workspaceOwner, Inbox in, String canary) {
        ContactId contact = contacts.createVisitor(workspaceOwner.workspaceId(), in.id(), "192.0.2.44").id();
        contacts.updateDetails(workspaceOwner.workspaceId(), contact, workspaceOwner.id(), "Name " + canary,
                canary + "@example.com", null);
        // a consent is recorded in the transaction that keeps the visitor
        transactions.executeWithoutResult(
                status -> consents.record(workspaceOwner.workspaceId(), in.id(), contact, Consent.Kind.IMPLIED, 4));
        ConversationId conversation = conversations
            .postFromVisitor(workspaceOwner.workspaceId(), in.id(), contact, "v-" + canary,
                    "<script>alert('" + canary + "')</script> **bold " + canary + "** [x](javascript:alert(1))")
            .message()
            .conversationId();
        Grants owners = fixtures.grants(workspaceOwner);
        conversations.postFromAgent(owners, conversation, "a-" + canary, "see https://shop.example/" + canary);
        attachments.uploadFromAgent(owners, conversation, "<img src=x onerror=alert(1)>" + canary + ".txt",
                new ByteArrayInputStream(("file of " + canary).getBytes(StandardCharsets.UTF_8)));
        return contact;
    }

    private ExportManagement.ExportStatus made(ExportManagement.ExportStatus queued, Member requester) {
        JobTestSamples.untilFinished(context, requester, queued.job().id(), Duration.ofSeconds(60));
        ExportManagement.ExportStatus status = exports.ofJob(fixtures.grants(requester), queued.job().id())
            .orElseThrow();
        assertThat(status.job().state()).isEqualTo(JobState.SUCCEEDED);
        return status;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private HttpResponse<byte[]> download(DashboardSession session, ExportManagement.ExportStatus status, String link) {
        return session.getBytes("/app/privacy/exports/" + status.export().id() + "/download?" + link);
    }

    @Test
    void aContactsExportValidatesAgainstItsSchemaAndHoldsExactlyThatContactsData() throws IOException {
        ContactId target = contactWith(owner, inbox, "canary-target");
        ContactId other = contactWith(owner, inbox, "canary-other");
        Member foreignOwner = fixtures.workspaceWithOwner();
        contactWith(foreignOwner, fixtures.liveInbox(foreignOwner, "f.example"), "canary-foreign");

        ExportManagement.ExportStatus status = made(exports.exportContact(grants, target.toString()), owner);
        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        HttpResponse<byte[]> answer = download(session, status, exports.link(grants, status.export().id().toString()));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> zip = unzip(answer.body());
        assertThat(zip.keySet()).hasSize(3).contains("contact.json", "transcript.html");

        String json = new String(zip.get("contact.json"), StandardCharsets.UTF_8);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Files.readString(Path.of("docs/contact-export.schema.json")), InputFormat.JSON);
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertThat(errors).as("contact.json against docs/contact-export.schema.json").isEmpty();
        JsonNode export = JSON.readTree(json);
        assertThat(export.get("contact").get("id").asString()).isEqualTo(target.toString());
        assertThat(export.get("contact").get("email").asString()).isEqualTo("canary-target@example.com");
        assertThat(export.get("consent")).singleElement().satisfies(consent -> {
            assertThat(consent.get("inboxId").asString()).isEqualTo(inbox.id().toString());
            assertThat(consent.get("kind").asString()).isEqualTo("implied");
            assertThat(consent.get("noticeVersion").asInt()).isEqualTo(4);
        });
        assertThat(export.get("conversations")).hasSize(1);
        assertThat(export.get("conversations").get(0).get("messages")).hasSize(3);
        assertThat(json).contains("canary-target")
            .doesNotContain("canary-other")
            .doesNotContain("canary-foreign")
            .doesNotContain(other.toString());
        String file = zip.keySet().stream().filter(n -> n.startsWith("attachments/")).findFirst().orElseThrow();
        assertThat(new String(zip.get(file), StandardCharsets.UTF_8)).isEqualTo("file of canary-target");
        assertThat(file).doesNotContain("<").endsWith("canary-target.txt");

        String transcript = new String(zip.get("transcript.html"), StandardCharsets.UTF_8);
        assertThat(transcript).contains("&lt;script&gt;alert(&#39;canary-target&#39;)&lt;/script&gt;")
            .contains("<strong>bold canary-target</strong>")
            .contains("<a href=\"https://shop.example/canary-target\" rel=\"noopener noreferrer nofollow\">")
            .doesNotContain("<script>")
            .doesNotContain("<img")
            .doesNotContain("javascript:alert(1)\"")
            .contains("default-src 'none'")
            .doesNotContain("canary-other");
        assertThat(events.of(ExportMade.class, owner.workspaceId())).singleElement()
            .satisfies(made -> assertThat(made.auditRecord().target()).isEqualTo("contact:" + target));
        assertThat(events.of(ExportDownloaded.class, owner.workspaceId())).hasSize(1);
    }

    @Test
    void aDownloadLinkWorksOnlyForItsRequesterUnchangedUnexpiredAndTheExportGoesAfter24Hours() throws IOException {
        ContactId target = contactWith(owner, inbox, "canary-link");
        ExportManagement.ExportStatus status = made(exports.exportContact(grants, target.toString()), owner);
        Member admin = fixtures.agent(owner, "Admin");
        context.getBean(AccessManagement.class).changeRole(grants, admin.id(), Role.ADMIN);
        DashboardSession ownerSession = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        DashboardSession adminSession = DashboardSession.signIn(port, admin.email(), Fixtures.PASSWORD);
        String link = exports.link(grants, status.export().id().toString());

        assertThat(download(adminSession, status, link).statusCode()).as("another member").isEqualTo(404);
        assertThatThrownBy(() -> exports.link(fixtures.grants(admin), status.export().id().toString()))
            .isInstanceOf(NotFound.class);
        String tampered = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");
        assertThat(download(ownerSession, status, tampered).statusCode()).as("a tampered link").isEqualTo(404);
        assertThat(download(ownerSession, status, link.replaceFirst("e=\\d+", "e=99999999999")).statusCode())
            .as("a later expiry")
            .isEqualTo(404);
        assertThat(download(ownerSession, status, link).statusCode()).isEqualTo(200);
        clock.move(Duration.ofMinutes(6));
        assertThat(download(ownerSession, status, link).statusCode()).as("an expired link").isEqualTo(404);
        assertThat(download(ownerSession, status, exports.link(grants, status.export().id().toString())).statusCode())
            .isEqualTo(200);

        Path folder = exportsDirectory.resolve(owner.workspaceId().toString()).resolve(status.export().id().toString());
        assertThat(folder).isDirectory();
        clock.move(Duration.ofHours(24));
        assertThatThrownBy(() -> exports.link(grants, status.export().id().toString())).isInstanceOf(NotFound.class);
        expiry.run();
        assertThat(folder).doesNotExist();
        assertThat(exports.mine(grants)).isEmpty();
    }

    @Test
    void theWorkspacesExportHoldsEverythingAndNoSecretThroughTheApiWithThePagesPermissions() throws IOException {
        contactWith(owner, inbox, "canary-one");
        contactWith(owner, inbox, "canary-two");
        Member agent = fixtures.agent(owner, "Agent Export");
        context.getBean(AccessManagement.class).setOverride(grants, agent.id(), Permission.API_TOKENS_CREATE, true);
        ApiTestClient agentApi = new ApiTestClient(port, fixtures.apiTokenWithAllOf(agent).text());
        assertThat(agentApi.postJson("/api/v1/exports", "{\"workspace\": true}").statusCode()).isEqualTo(403);

        ApiTestClient api = new ApiTestClient(port, fixtures.apiToken(owner, Permission.WORKSPACE_EXPORT).text());
        HttpResponse<String> queued = api.postJson("/api/v1/exports", "{\"workspace\": true}");
        assertThat(queued.statusCode()).isEqualTo(202);
        JsonNode ids = JSON.readTree(queued.body());
        ExportManagement.ExportStatus status = made(
                exports.ofJob(grants, JobId.of(ids.get("jobId").asString())).orElseThrow(), owner);
        assertThat(status.export().id().toString()).isEqualTo(ids.get("exportId").asString());
        assertThat(agentApi.get("/api/v1/exports/" + status.export().id()).statusCode()).isEqualTo(404);
        HttpResponse<String> own = api.get("/api/v1/exports/" + status.export().id());
        assertThat(own.statusCode()).as("the requester's own token downloads it").isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
        assertThat(own.body()).startsWith("PK").contains("manifest.json");

        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        Map<String, byte[]> zip = unzip(
                download(session, status, exports.link(grants, status.export().id().toString())).body());
        assertThat(zip.keySet()).contains("workspace.json", "contacts.jsonl", "conversations.jsonl", "messages.jsonl",
                "files.jsonl", "audit.jsonl", "manifest.json");
        String workspace = new String(zip.get("workspace.json"), StandardCharsets.UTF_8);
        assertThat(workspace).contains(owner.email())
            .contains(agent.email())
            .doesNotContain("$2a$")
            .doesNotContain("$argon2")
            .doesNotContain(Fixtures.PASSWORD);
        assertThat(lines(zip, "contacts.jsonl")).hasSize(2);
        assertThat(lines(zip, "conversations.jsonl")).hasSize(2);
        assertThat(lines(zip, "messages.jsonl")).hasSize(6);
        assertThat(lines(zip, "files.jsonl")).hasSize(2);
        assertThat(zip.keySet().stream().filter(n -> n.startsWith("attachments/"))).hasSize(2);
        assertThat(lines(zip, "audit.jsonl")).isNotEmpty();
        JsonNode manifest = JSON.readTree(zip.get("manifest.json"));
        assertThat(manifest.get("messages").asLong()).isEqualTo(6);
        assertThat(events.of(ExportMade.class, owner.workspaceId())).singleElement()
            .satisfies(made -> assertThat(made.auditRecord().action().storedName()).isEqualTo("workspace.exported"));
    }

    private static List<String> lines(Map<String, byte[]> zip, String entry) {
        return new String(zip.get(entry), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

}
