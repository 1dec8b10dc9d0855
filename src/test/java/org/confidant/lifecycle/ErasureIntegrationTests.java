package org.confidant.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.TestDatabase;
import org.confidant.access.Permission;
import org.confidant.api.ApiTestClient;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactErased;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.crypto.ErasureLedger;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.job.Job;
import org.confidant.job.JobId;
import org.confidant.job.JobState;
import org.confidant.job.JobTestSamples;
import org.confidant.privacy.Consent;
import org.confidant.privacy.ConsentManagement;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erasure, attacked: by email through the blind index (every contact with the address,
 * none of another address or of another workspace), everything of the contacts gone
 * (details, both sides of their conversations, files and their stored objects, sessions,
 * blocked addresses), a receipt that a plain JDK checks against the published key (and
 * that fails once changed), the ledger's entry, an address nobody has, a held contact, a
 * malformed email, the API, and a message arriving while its contact is being erased.
 */
@IntegrationTest
class ErasureIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    ErasureManagement erasures;

    @Autowired
    ContactManagement contacts;

    @Autowired
    ConsentManagement consents;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    AttachmentManagement attachments;

    @Autowired
    VisitorSessions sessions;

    @Autowired
    LegalHoldManagement holds;

    @Autowired
    ErasureLedger ledger;

    @Autowired
    PublishedEvents events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @LocalServerPort
    int port;

    Member owner;

    Inbox inbox;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        inbox = fixtures.liveInbox(owner, "erasure.example");
    }

    /** A visitor with a session, this email, a conversation of both sides and a file. */
    private VisitorSession customer(Member workspaceOwner, Inbox in, String email, String canary) {
        VisitorSession visitor = sessions.open(in.id(), null, Fixtures.HOST, null, "198.51.100.7", null);
        contacts.updateDetails(workspaceOwner.workspaceId(), visitor.contactId(), workspaceOwner.id(), "Name " + canary,
                email, "+44 20 7946 0000");
        // a consent is recorded in the transaction that keeps the visitor
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> consents
            .record(workspaceOwner.workspaceId(), in.id(), visitor.contactId(), Consent.Kind.EXPLICIT, 1));
        ConversationId conversation = conversations
            .postFromVisitor(workspaceOwner.workspaceId(), in.id(), visitor.contactId(), "v-" + canary,
                    "visitor says " + canary)
            .message()
            .conversationId();
        conversations.postFromAgent(fixtures.grants(workspaceOwner), conversation, "a-" + canary,
                "agent answers " + canary);
        conversations.addNote(fixtures.grants(workspaceOwner), conversation, "n-" + canary, "a note on " + canary);
        attachments.uploadFromAgent(fixtures.grants(workspaceOwner), conversation, "file-" + canary + ".txt",
                new ByteArrayInputStream(("file content " + canary).getBytes(StandardCharsets.UTF_8)));
        return visitor;
    }

    private Job finished(JobId job) {
        List<Job> seen = JobTestSamples.untilFinished(context, owner, job, Duration.ofSeconds(30));
        return seen.getLast();
    }

    private long rows(String table, WorkspaceId workspace) {
        return TestDatabase.allRows(() -> jdbc.sql("select count(*) from " + table + " where workspace_id = ?")
            .param(workspace.value())
            .query(Long.class)
            .single());
    }

    @Test
    void erasingAnEmailErasesEveryContactWithItAndNothingElseAndSignsAReceiptAnyoneCanCheck() throws Exception {
        String email = "erase-me-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        VisitorSession first = customer(owner, inbox, email, "canary-first");
        Inbox other = fixtures.liveInbox(owner, "other.example");
        VisitorSession second = customer(owner, other, email.toUpperCase(), "canary-second");
        VisitorSession bystander = customer(owner, inbox, "someone-else@example.com", "canary-bystander");
        Member foreignOwner = fixtures.workspaceWithOwner();
        Inbox foreignInbox = fixtures.liveInbox(foreignOwner, "foreign.example");
        VisitorSession foreign = customer(foreignOwner, foreignInbox, email, "canary-foreign");
        long bystanderMessages = conversations.countMessages(owner.workspaceId(),
                conversations.ofContact(owner.workspaceId(), bystander.contactId()).stream().map(c -> c.id()).toList());

        JobId job = erasures.eraseEmail(fixtures.grants(owner), "  " + email + " ");
        assertThat(finished(job).state()).isEqualTo(JobState.SUCCEEDED);

        // the two contacts and everything of theirs are gone
        for (VisitorSession gone : List.of(first, second)) {
            assertThat(contacts.find(owner.workspaceId(), gone.contactId())).isEmpty();
            assertThat(conversations.ofContact(owner.workspaceId(), gone.contactId())).isEmpty();
            assertThat(sessions.isLive(gone)).as("the erased visitor's session").isFalse();
            assertThat(consents.consents(owner.workspaceId(), gone.contactId())).as("the erased visitor's consent")
                .isEmpty();
        }
        assertThat(contacts.findByEmail(owner.workspaceId(), email)).isEmpty();
        // the bystander and the other workspace keep everything
        assertThat(contacts.find(owner.workspaceId(), bystander.contactId())).isPresent();
        assertThat(sessions.isLive(bystander)).isTrue();
        assertThat(conversations.countMessages(owner.workspaceId(),
                conversations.ofContact(owner.workspaceId(), bystander.contactId()).stream().map(c -> c.id()).toList()))
            .isEqualTo(bystanderMessages);
        assertThat(contacts.findByEmail(foreignOwner.workspaceId(), email)).extracting(Contact::id)
            .containsExactly(foreign.contactId());
        assertThat(rows("message", owner.workspaceId())).isEqualTo(bystanderMessages);
        assertThat(rows("attachment", owner.workspaceId())).isEqualTo(1);
        assertThat(rows("visitor_session", owner.workspaceId())).isEqualTo(1);
        assertThat(rows("consent_record", owner.workspaceId())).isEqualTo(1);
        assertThat(rows("conversation_note", owner.workspaceId())).as("the bystander's note only").isEqualTo(1);

        // the receipt: ids and counts, signed; a plain JDK checks it against the
        // published key
        ErasureManagement.Receipt receipt = erasures.receipt(fixtures.grants(owner), job).orElseThrow();
        JsonNode document = JSON.readTree(receipt.document());
        JsonNode statement = document.get("receipt");
        assertThat(statement.get("type").asString()).isEqualTo("confidant.erasure-receipt");
        assertThat(statement.get("workspace").asString()).isEqualTo(owner.workspaceId().toString());
        assertThat(statement.get("requestedBy").asString()).isEqualTo(owner.id().toString());
        assertThat(statement.get("found").asBoolean()).isTrue();
        assertThat(statement.get("erased").get("contacts").valueStream().map(JsonNode::asString))
            .containsExactlyInAnyOrder(first.contactId().toString(), second.contactId().toString());
        assertThat(statement.get("erased").get("conversations").asLong()).isEqualTo(2);
        assertThat(statement.get("erased").get("messages").asLong()).isEqualTo(6);
        assertThat(statement.get("erased").get("attachments").asLong()).isEqualTo(2);
        assertThat(receipt.document()).doesNotContain(email).doesNotContain("canary");
        assertThat(verifiesWithThePublishedKey(document)).isTrue();
        String tampered = document.get("payload").asString();
        String changedPayload = Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                    statement.toString().replace("\"messages\":6", "\"messages\":5").getBytes(StandardCharsets.UTF_8));
        assertThat(changedPayload).isNotEqualTo(tampered);
        assertThat(verifies(document.get("protected").asString(), changedPayload, document.get("signature").asString()))
            .as("a changed receipt")
            .isFalse();

        // the ledger has the erased ids and the address's digest, never the address
        List<ErasureLedger.Entry> entries = ledger.entries()
            .stream()
            .filter(e -> e.workspaceId().equals(owner.workspaceId()))
            .toList();
        assertThat(entries).flatExtracting(ErasureLedger.Entry::ids)
            .containsExactlyInAnyOrder(first.contactId().toString(), second.contactId().toString());
        assertThat(entries).flatExtracting(ErasureLedger.Entry::digests)
            .containsOnly(HexFormat.of().formatHex(contacts.emailDigest(owner.workspaceId(), email)));

        // one audit entry for the erasure: ids and counts
        AuditRecord recorded = events.of(ErasureDone.class, owner.workspaceId())
            .findFirst()
            .orElseThrow()
            .auditRecord();
        assertThat(recorded.target()).isEqualTo("receipt:" + job);
        assertThat(recorded.details()).containsOnlyKeys("contacts", "conversations", "posts", "attachments")
            .containsEntry("contacts", "2");
    }

    @Test
    void anAddressNobodyHasGetsAReceiptThatSaysNothingWasFound() {
        JobId job = erasures.eraseEmail(fixtures.grants(owner), "nobody-" + UUID.randomUUID() + "@example.com");
        assertThat(finished(job).state()).isEqualTo(JobState.SUCCEEDED);
        JsonNode statement = JSON.readTree(erasures.receipt(fixtures.grants(owner), job).orElseThrow().document())
            .get("receipt");
        assertThat(statement.get("found").asBoolean()).isFalse();
        assertThat(statement.get("erased").get("contacts").size()).isZero();
    }

    @Test
    void aMalformedEmailAForeignOrUnknownContactAndAHeldContactAreRefusedAndNothingIsQueued() {
        VisitorSession held = customer(owner, inbox, "held@example.com", "canary-held");
        holds.place(fixtures.grants(owner), LegalHold.Kind.CONTACT, held.contactId().toString());
        Member foreignOwner = fixtures.workspaceWithOwner();
        VisitorSession foreign = customer(foreignOwner, fixtures.liveInbox(foreignOwner, "f.example"), "f@example.com",
                "canary-f");
        long jobsBefore = rows("jobs", owner.workspaceId());

        assertThatThrownBy(() -> erasures.eraseEmail(fixtures.grants(owner), "not an email"))
            .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo("bad_email"));
        assertThatThrownBy(() -> erasures.eraseContact(fixtures.grants(owner), foreign.contactId().toString()))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> erasures.eraseContact(fixtures.grants(owner), UUID.randomUUID().toString()))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> erasures.eraseContact(fixtures.grants(owner), "not-an-id"))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> erasures.eraseContact(fixtures.grants(owner), held.contactId().toString()))
            .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo("legal_hold"));
        Member agent = fixtures.agent(owner, "Agent");
        assertThatThrownBy(() -> erasures.eraseEmail(fixtures.grants(agent), "held@example.com"))
            .hasMessageContaining(Permission.CONTACTS_ERASE.key());
        assertThat(rows("jobs", owner.workspaceId())).isEqualTo(jobsBefore);

        // by email, the held contact stays and the receipt says so
        JobId job = erasures.eraseEmail(fixtures.grants(owner), "held@example.com");
        assertThat(finished(job).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(contacts.find(owner.workspaceId(), held.contactId())).isPresent();
        JsonNode statement = JSON.readTree(erasures.receipt(fixtures.grants(owner), job).orElseThrow().document())
            .get("receipt");
        assertThat(statement.get("keptUnderLegalHold").valueStream().map(JsonNode::asString))
            .containsExactly(held.contactId().toString());
        assertThat(statement.get("erased").get("contacts").size()).isZero();
    }

    @Test
    void theApiErasesAndHandsOutTheReceiptWithThePagesPermissions() {
        VisitorSession visitor = customer(owner, inbox, "api-erasure@example.com", "canary-api");
        ApiTestClient api = new ApiTestClient(port, fixtures.apiToken(owner, Permission.CONTACTS_ERASE).text());
        HttpResponse<String> bad = api.postJson("/api/v1/erasures", "{\"email\": \"no\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("bad_email");
        HttpResponse<String> queued = api.postJson("/api/v1/erasures",
                "{\"contactId\": \"" + visitor.contactId() + "\"}");
        assertThat(queued.statusCode()).isEqualTo(202);
        JobId job = JobId.of(JSON.readTree(queued.body()).get("jobId").asString());
        assertThat(finished(job).state()).isEqualTo(JobState.SUCCEEDED);
        HttpResponse<String> receipt = api.get("/api/v1/erasures/" + job + "/receipt");
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(receipt.body()).get("receipt").get("erased").get("contacts").get(0).asString())
            .isEqualTo(visitor.contactId().toString());
        ApiTestClient withoutErase = new ApiTestClient(port,
                fixtures.apiToken(owner, Permission.CONVERSATIONS_REPLY).text());
        assertThat(withoutErase.postJson("/api/v1/erasures", "{\"email\": \"a@example.com\"}").statusCode())
            .isEqualTo(403);
        assertThat(withoutErase.get("/api/v1/erasures/" + job + "/receipt").statusCode()).isEqualTo(404);
    }

    /**
     * A message that arrives while its contact is being erased waits for the erasure's
     * lock, then finds the contact gone: refused, and nothing of it is left behind.
     */
    @Test
    void aMessageArrivingDuringTheErasureIsRefusedAndLeavesNothing() throws Exception {
        VisitorSession visitor = customer(owner, inbox, "racing@example.com", "canary-race");
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        CountDownLatch locked = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> erasing = threads
                .submit(() -> Tenancy.run(owner.workspaceId(), () -> transactions.executeWithoutResult(status -> {
                    contacts.lock(owner.workspaceId(), visitor.contactId());
                    locked.countDown();
                    sleep(700);
                    contacts.erase(owner.workspaceId(), visitor.contactId(), ContactErased.Reason.ERASURE);
                })));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> posting = threads.submit(() -> conversations.postFromVisitor(owner.workspaceId(), inbox.id(),
                    visitor.contactId(), "late-1", "a late message canary-late"));
            erasing.get(20, TimeUnit.SECONDS);
            assertThatThrownBy(() -> posting.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(NotFound.class);
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(rows("message", owner.workspaceId())).isZero();
        assertThat(rows("conversation", owner.workspaceId())).isZero();
        assertThat(rows("contact", owner.workspaceId())).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks the receipt with the JDK's own Ed25519 and the key the server publishes. */
    private boolean verifiesWithThePublishedKey(JsonNode document) throws Exception {
        return verifies(document.get("protected").asString(), document.get("payload").asString(),
                document.get("signature").asString());
    }

    private boolean verifies(String header, String payload, String signature) throws Exception {
        HttpResponse<String> jwks = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.well-known/confidant-signing-key"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode key = JSON.readTree(jwks.body()).get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("OKP");
        assertThat(key.get("crv").asString()).isEqualTo("Ed25519");
        assertThat(JSON.readTree(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8))
            .get("kid")
            .asString()).isEqualTo(key.get("kid").asString());
        byte[] raw = Base64.getUrlDecoder().decode(key.get("x").asString());
        byte[] spki = new byte[12 + raw.length];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, spki, 0, 12);
        System.arraycopy(raw, 0, spki, 12, raw.length);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(publicKey);
        ed25519.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return ed25519.verify(Base64.getUrlDecoder().decode(signature));
    }

}
