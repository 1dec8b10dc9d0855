package org.confidant.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.attachment.AttachmentTestSamples.filesUnder;
import static org.confidant.attachment.AttachmentTestSamples.visitorUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Malware scanning against a real clamd (Debian's {@code clamav-daemon}), started by the
 * test with a signature database of one line that the test writes: the EICAR test file's
 * MD5 hash. No internet, no freshclam: clamd starts with only that database. EICAR is
 * refused with the reason shown, a clean file accepted, and once clamd is gone uploads
 * are refused (fail closed).
 */
@IntegrationTest
class ClamdScanningIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final String CLAMD = System.getenv().getOrDefault("CONFIDANT_CLAMD", "/usr/sbin/clamd");

    @TempDir
    static Path clamdHome;
    static Process clamd;
    static int clamdPort;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    VisitorSessions visitorSessions;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    PublishedEvents events;

    @Value("${confidant.attachments.directory}")
    Path storeDirectory;

    @Value("${confidant.attachments.incoming-directory}")
    Path incomingDirectory;

    @DynamicPropertySource
    static void startClamd(DynamicPropertyRegistry properties) throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            clamdPort = free.getLocalPort();
        }
        Path database = Files.createDirectories(clamdHome.resolve("db"));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(AttachmentTestSamples.EICAR));
        Files.writeString(database.resolve("eicar.hdb"),
                md5 + ":" + AttachmentTestSamples.EICAR.length + ":Eicar-Test-Signature\n");
        Path config = clamdHome.resolve("clamd.conf");
        Files.writeString(config,
                String.join("\n", "Foreground yes", "TCPSocket " + clamdPort, "TCPAddr 127.0.0.1",
                        "DatabaseDirectory " + database, "LogFile " + clamdHome.resolve("clamd.log"),
                        "PidFile " + clamdHome.resolve("clamd.pid"), "TemporaryDirectory " + clamdHome, "") + "\n");
        clamd = new ProcessBuilder(CLAMD, "--config-file=" + config).redirectErrorStream(true)
            .redirectOutput(clamdHome.resolve("clamd.out").toFile())
            .start();
        awaitPong();
        properties.add("confidant.attachments.clamd.enabled", () -> "true");
        properties.add("confidant.attachments.clamd.host", () -> "127.0.0.1");
        properties.add("confidant.attachments.clamd.port", () -> clamdPort);
    }

    @AfterAll
    static void stopClamd() {
        if (clamd != null) {
            clamd.destroy();
        }
    }

    @Test
    void eicarIsRefusedWithItsReasonACleanFileIsAcceptedAndNoScannerMeansNoUpload() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = fixtures.liveInbox(owner, "shop.example");
        VisitorSession visitor = visitorSessions.open(inbox.id(), null, Fixtures.HOST, null, "192.0.2.5", null);

        HttpResponse<String> clean = visitorUpload(port, visitor.token(), "order.txt", AttachmentTestSamples.TEXT);
        assertThat(clean.statusCode()).as(clean.body()).isEqualTo(200);

        Set<String> filesBefore = filesUnder(storeDirectory, incomingDirectory);
        HttpResponse<String> eicar = visitorUpload(port, visitor.token(), "eicar.txt", AttachmentTestSamples.EICAR);
        assertThat(eicar.statusCode()).isEqualTo(400);
        assertThat(eicar.body()).contains("attachment_malware").contains("Eicar-Test-Signature");
        assertThat(filesUnder(storeDirectory, incomingDirectory)).isEqualTo(filesBefore);
        assertThat(events.of(AttachmentRejected.class, visitor.workspaceId())).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo("attachment_malware");
            assertThat(rejected.malware()).startsWith("Eicar-Test-Signature"); // clamd
                                                                               // adds
                                                                               // .UNOFFICIAL
        });

        // the agent sees why, and the page does not claim files go unscanned
        ConversationId conversation = conversations
            .findForContact(visitor.workspaceId(), inbox.id(), visitor.contactId())
            .orElseThrow()
            .id();
        DashboardSession agent = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        assertThat(agent.get("/app/conversations/" + conversation).body()).doesNotContain("not scanned for malware");
        HttpResponse<String> agentEicar = agent.postBytes(
                "/app/conversations/" + conversation + "/attachments?name=readme.txt", AttachmentTestSamples.EICAR);
        assertThat(agentEicar.statusCode()).isEqualTo(400);
        assertThat(agentEicar.body()).contains("the malware scanner found Eicar-Test-Signature");

        clamd.destroy();
        clamd.waitFor();
        HttpResponse<String> unscanned = visitorUpload(port, visitor.token(), "later.txt", AttachmentTestSamples.TEXT);
        assertThat(unscanned.statusCode()).isEqualTo(400);
        assertThat(unscanned.body()).contains("attachment_scan_unavailable");
        assertThat(filesUnder(storeDirectory, incomingDirectory)).isEqualTo(filesBefore);
    }

    /**
     * Waits for clamd to load its one-line database and answer PING; fails with its
     * output if it does not.
     */
    private static void awaitPong() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!clamd.isAlive()) {
                throw new AssertionError("clamd stopped: " + Files.readString(clamdHome.resolve("clamd.out")));
            }
            try (Socket socket = new Socket("127.0.0.1", clamdPort)) {
                OutputStream out = socket.getOutputStream();
                out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                if (new String(in.readNBytes(4), StandardCharsets.US_ASCII).equals("PONG")) {
                    return;
                }
            }
            catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("clamd did not answer: " + Files.readString(clamdHome.resolve("clamd.out")));
    }

}
