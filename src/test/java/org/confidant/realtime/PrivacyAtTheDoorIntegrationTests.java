package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.agentSend;
import static org.confidant.realtime.RealtimeTestSupport.agentSocket;
import static org.confidant.realtime.RealtimeTestSupport.awaitAck;
import static org.confidant.realtime.RealtimeTestSupport.awaitMessage;
import static org.confidant.realtime.RealtimeTestSupport.checkError;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.helloFrame;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.stored;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;
import static org.confidant.realtime.RealtimeTestSupport.watch;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.confidant.EncryptionAtRestScans;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.TestDatabase;
import org.confidant.api.ApiTestClient;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.Message;
import org.confidant.job.Job;
import org.confidant.job.JobManagement;
import org.confidant.job.JobState;
import org.confidant.job.JobTestSamples;
import org.confidant.privacy.ConsentManagement;
import org.confidant.privacy.ConsentWithdrawn;
import org.confidant.privacy.ConsentMode;
import org.confidant.privacy.PrivacyManagement;
import org.confidant.privacy.TextRedacted;
import org.confidant.privacy.VisitorStorage;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.tenancy.Tenancy;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessions;
import org.confidant.widget.VisitorTokenTestSamples;
import org.confidant.workspace.IpMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Privacy at the door, attacked through the running application: card numbers and IBANs
 * in every common format, sent by a visitor and an agent over their sockets and over the
 * API, written into the names of the files either side sends, and typed into a contact's
 * details, are stored, fanned out and audited only as their replacements (read back
 * decrypted, from the audit log's rows, from the stored database files on H2 or a
 * {@code pg_dump} on PostgreSQL, and from the logs), while look-alikes are kept as
 * written; the IP mode decides what is stored of an address; an inbox that asks for
 * consent stores nothing about a visitor who has not given it, and a visitor who
 * withdraws it has their contact erased.
 */
@ExtendWith(OutputCaptureExtension.class)
@IntegrationTest
class PrivacyAtTheDoorIntegrationTests {

    /** Card numbers and IBANs as people write them (see {@code RedactionTests}). */
    static final List<String> SECRETS = List.of("4242 4242 4242 4242", "4242-4242-4242-4242", "4242.4242.4242.4242",
            "5555555555554444", "3782 822463 10005", "6011 1111 1111 1117", "3056 9309 0259 04", "3566 0020 2036 0505",
            "4222222222222", "2223 0031 2200 3222", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432",
            "FR14 2004 1010 0505 0001 3M02 606", "NL91 ABNA 0417 1643 00");

    static final List<String> LOOK_ALIKES = List.of("order 4242 4242 4242 4241", "call +44 20 7946 0958",
            "tracking 1Z999AA10123456784", "USPS 9400 1000 0000 0000 0000 00", "ISBN 978-3-16-148410-0",
            "IBAN DE89 3704 0044 0532 0130 01");

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    PublishedEvents events;

    @Autowired
    PrivacyManagement privacy;

    @Autowired
    ContactManagement contacts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Value("${confidant.data-dir}")
    Path dataDir;

    @LocalServerPort
    int port;

    @Test
    void cardNumbersAndIbansNeverReachStorageFanOutTheAuditLogOrTheLogsFromEitherSideOrTheApi(CapturedOutput output)
            throws Exception {
        Tenant tenant = newTenant(fixtures);
        ApiTestClient api = new ApiTestClient(port, fixtures.apiTokenWithAllOf(tenant.owner()).text());
        String conversation;
        ContactId contactId;
        List<String> toAgent = new ArrayList<>();
        List<String> toVisitor = new ArrayList<>();
        List<String> fileNames = new ArrayList<>();
        try (TestSocket agent = agentSocket(port, tenant.owner());
                Visitor visitor = hello(port, tenant.inboxId(), null)) {
            contactId = visitor.contact();
            conversation = sendForAck(visitor.socket(), visitorSend("v-0", "Hello")).path("conversation").asString();
            agent.send(watch(conversation, 0));
            awaitMessage(agent, 1);
            agent.next("synced");
            long seq = 1;
            for (int i = 0; i < SECRETS.size(); i++) {
                String secret = SECRETS.get(i);
                sendForAck(visitor.socket(), visitorSend("v-" + (i + 1), "mine is " + secret + ", thanks"));
                toAgent.add(awaitMessage(agent, ++seq).path("text").asString());
                agent.send(agentSend(conversation, "a-" + i, "did you mean " + secret + "?"));
                awaitAck(agent, "a-" + i);
                toVisitor.add(awaitMessage(visitor.socket(), ++seq).path("text").asString());
                HttpResponse<String> posted = api.postJson("/api/v1/conversations/" + conversation + "/messages",
                        "{\"clientMsgId\":\"api-" + i + "\",\"text\":\"from the API: " + secret + "\"}");
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
                toVisitor.add(awaitMessage(visitor.socket(), ++seq).path("text").asString());
            }
            // the visitor's first tab has used its budget of messages per connection: the
            // look-alikes come from a second tab of the same visitor
            try (Visitor secondTab = hello(port, tenant.inboxId(), visitor.token())) {
                for (int i = 0; i < LOOK_ALIKES.size(); i++) {
                    sendForAck(secondTab.socket(), visitorSend("l-" + i, LOOK_ALIKES.get(i)));
                    toAgent.add(awaitMessage(agent, ++seq).path("text").asString());
                }
            }
            // file names, from either side: redacted before the file message is stored
            // or sent on
            AttachmentManagement attachments = context.getBean(AttachmentManagement.class);
            VisitorSession session = new VisitorSession("privacy-at-the-door", tenant.workspaceId(),
                    tenant.inbox().id(), contactId, false, null, null);
            // in the visitor's workspace, as the widget's upload does
            fileNames.add(Tenancy.run(tenant.workspaceId(),
                    () -> attachments.uploadFromVisitor(session, "receipt " + SECRETS.get(0) + ".txt", textFile())
                        .fileName()));
            toAgent.add(awaitMessage(agent, ++seq).path("text").asString());
            fileNames.add(
                    attachments
                        .uploadFromAgent(fixtures.grants(tenant.owner()), ConversationId.of(conversation),
                                "copy of " + SECRETS.get(1).replace('-', ' ') + " card.txt", textFile())
                        .fileName());
            toAgent.add(awaitMessage(agent, ++seq).path("text").asString());
            toVisitor.add(awaitMessage(visitor.socket(), seq).path("text").asString());
        }
        assertThat(fileNames).containsExactly("receipt [card ending 4242 removed].txt",
                "copy of [card ending 4242 removed] card.txt");
        Contact contact = contacts.updateDetails(tenant.workspaceId(), contactId, tenant.owner().id(),
                "Jane 4242 4242 4242 4242", "", "");
        assertThat(contact.displayName()).isEqualTo("Jane [card ending 4242 removed]");

        List<Message> messages = stored(context, tenant.workspaceId(), conversation);
        List<String> texts = messages.stream().map(Message::text).toList();
        assertThat(messages.stream().filter(Message::redacted)).hasSize(3 * SECRETS.size() + 2);
        assertThat(texts).contains("mine is [card ending 4242 removed], thanks",
                "did you mean [IBAN ending 3000 removed]?", "from the API: [card ending 0005 removed]");
        for (String lookAlike : LOOK_ALIKES) {
            assertThat(texts).contains(lookAlike);
            assertThat(toAgent).contains(lookAlike);
        }
        String audit = String.join("\n",
                TestDatabase.allRows(() -> jdbc.sql("select details from audit_entry where workspace_id = ?")
                    .param(tenant.workspaceId().value())
                    .query(String.class)
                    .list()));
        assertThat(events.of(TextRedacted.class, tenant.workspaceId())).hasSize(3 * SECRETS.size() + 2 + 1)
            .allSatisfy(e -> assertThat(e.cards() + e.ibans()).isEqualTo(1));
        byte[] files = TestDatabase.isPostgres() ? EncryptionAtRestScans.pgDump()
                : EncryptionAtRestScans.h2Files(dataSource, dataDir);
        for (String secret : SECRETS) {
            for (String form : List.of(secret, secret.replaceAll("[ .-]", ""))) {
                assertThat(texts).as("stored").noneMatch(t -> t.contains(form));
                assertThat(toAgent).as("fanned out to the agent").noneMatch(t -> t.contains(form));
                assertThat(toVisitor).as("fanned out to the visitor").noneMatch(t -> t.contains(form));
                assertThat(audit).as("audit log").doesNotContain(form);
                assertThat(output.getAll()).as("logs").doesNotContain(form);
                assertThat(EncryptionAtRestScans.indexOf(files, form.getBytes(StandardCharsets.UTF_8)))
                    .as("%s: %s", TestDatabase.isPostgres() ? "pg_dump" : "H2 files", form)
                    .isEqualTo(-1);
            }
        }
    }

    @Test
    void theIpModeDecidesWhatIsStoredOfAVisitorsAddress() {
        VisitorSessions sessions = context.getBean(VisitorSessions.class);
        record Case(IpMode mode, String address, String stored) {
        }
        List<Case> cases = List.of(new Case(IpMode.FULL, "203.0.113.77", "203.0.113.77"),
                new Case(IpMode.TRUNCATED, "203.0.113.77", "203.0.113.0/24"),
                new Case(IpMode.TRUNCATED, "2001:db8:abcd:12:34:56:78:9a", "2001:db8:abcd::/48"),
                new Case(IpMode.NONE, "203.0.113.77", null));
        for (Case c : cases) {
            Tenant tenant = newTenant(fixtures);
            privacy.setIpMode(fixtures.grants(tenant.owner()), c.mode());
            VisitorSession session = sessions.open(tenant.inbox().id(), null, Fixtures.HOST, null, c.address(), null);
            Contact contact = contacts.find(tenant.workspaceId(), session.contactId()).orElseThrow();
            assertThat(contact.ipAddress()).as("%s of %s", c.mode(), c.address()).isEqualTo(c.stored());
        }
    }

    @Test
    void anInboxThatAsksForConsentStoresNothingUntilTheVisitorGivesItAndWithdrawingItErasesWhatItKept()
            throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        var inboxPrivacy = privacy.setInboxPrivacy(fixtures.grants(tenant.owner()), tenant.inbox().id(),
                ConsentMode.EXPLICIT, VisitorStorage.MEMORY, "We keep this chat for 30 days.",
                "https://shop.example/privacy");
        long before = contactCount(tenant);
        try (TestSocket socket = TestSocket.visitor(port)) {
            socket.send(helloFrame(tenant.inboxId(), null));
            JsonNode consent = socket.next();
            assertThat(consent.path("type").asString()).isEqualTo("consent");
            assertThat(consent.path("notice").asString()).isEqualTo("We keep this chat for 30 days.");
            assertThat(consent.path("policy").asString()).isEqualTo("https://shop.example/privacy");
            assertThat(consent.path("implied").asBoolean()).isFalse();
            assertThat(contactCount(tenant)).as("contacts before consent").isEqualTo(before);

            Map<String, Object> implied = helloFrame(tenant.inboxId(), null);
            implied.put("consent", "implied");
            implied.put("notice", inboxPrivacy.noticeVersion());
            socket.send(implied);
            assertThat(socket.next().path("type").asString()).as("implied consent where explicit is asked")
                .isEqualTo("consent");
            assertThat(contactCount(tenant)).isEqualTo(before);

            Map<String, Object> given = helloFrame(tenant.inboxId(), null);
            given.put("consent", "explicit");
            given.put("notice", inboxPrivacy.noticeVersion());
            socket.send(given);
            JsonNode welcome = socket.next();
            assertThat(welcome.path("type").asString()).isEqualTo("welcome");
            assertThat(welcome.path("storage").asString()).isEqualTo("memory");
            assertThat(contactCount(tenant)).isEqualTo(before + 1);
            sendForAck(socket, visitorSend("c-1", "Hello"));
            ContactId contact = VisitorTokenTestSamples.contactOf(welcome.path("token").asString());
            ConsentManagement consents = context.getBean(ConsentManagement.class);
            assertThat(consents.consents(tenant.workspaceId(), contact)).singleElement()
                .satisfies(c -> assertThat(c.noticeVersion()).isEqualTo(inboxPrivacy.noticeVersion()));

            assertThat(rows("message", tenant)).isEqualTo(1);
            assertThat(rows("visitor_session", tenant)).isEqualTo(1);

            socket.send(Map.of("type", "consent.withdraw"));
            JsonNode ended = socket.next();
            checkError(ended, "consent_withdrawn");
            assertThat(consents.consents(tenant.workspaceId(), contact)).isEmpty();
            assertThat(rows("visitor_session", tenant)).as("sessions, at once").isZero();

            // what the consent let the workspace keep goes with the contact's erasure,
            // which the withdrawal queued as a job of the system's
            List<Job> erasures = context.getBean(JobManagement.class)
                .recent(fixtures.grants(tenant.owner()))
                .stream()
                .filter(job -> job.kind().equals("lifecycle.erasure"))
                .toList();
            assertThat(erasures).hasSize(1);
            Job erasure = erasures.get(0);
            assertThat(erasure.requester()).as("started by the system").isNull();
            assertThat(JobTestSamples.untilFinished(context, tenant.owner(), erasure.id(), Duration.ofSeconds(30)))
                .last()
                .satisfies(job -> assertThat(job.state()).isEqualTo(JobState.SUCCEEDED));
            assertThat(contacts.find(tenant.workspaceId(), contact)).isEmpty();
            assertThat(contactCount(tenant)).isEqualTo(before);
            for (String table : List.of("conversation", "message", "visitor_session", "consent_record")) {
                assertThat(rows(table, tenant)).as(table).isZero();
            }
            assertThat(events.of(ConsentWithdrawn.class, tenant.workspaceId())).singleElement()
                .satisfies(withdrawn -> assertThat(withdrawn.contactId()).isEqualTo(contact));
            assertThat(events.of(AuditedEvent.class, tenant.workspaceId())
                .map(e -> e.auditRecord().action())
                .filter(action -> action == AuditAction.CONTACT_ERASED)).hasSize(1);
        }
    }

    private long rows(String table, Tenant tenant) {
        return TestDatabase.allRows(() -> jdbc.sql("select count(*) from " + table + " where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single());
    }

    private long contactCount(Tenant tenant) {
        return TestDatabase.allRows(() -> jdbc.sql("select count(*) from contact where workspace_id = ?")
            .param(tenant.workspaceId().value())
            .query(Long.class)
            .single());
    }

    private static ByteArrayInputStream textFile() {
        return new ByteArrayInputStream("A receipt.\n".getBytes(StandardCharsets.UTF_8));
    }

}
