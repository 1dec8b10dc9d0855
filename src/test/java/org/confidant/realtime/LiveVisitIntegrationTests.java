package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.helloFrame;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.confidant.DashboardSession;
import org.confidant.EncryptionAtRestScans;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestClock;
import org.confidant.TestDatabase;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The side panel's "Now" over a real visitor socket: the page's path (never its query or
 * fragment), the browser summarised from the handshake's user agent and the visitor's
 * local time show on the owner's conversation page while the visitor is connected, and
 * are gone once they leave; a bad zone or page is dropped; markup in a path is shown as
 * text; none of it reaches the database.
 */
@IntegrationTest
class LiveVisitIntegrationTests {

    private static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    DataSource dataSource;

    @Value("${confidant.data-dir}")
    Path dataDir;

    @LocalServerPort
    int port;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A connected visitor who has written once, and their conversation's id. */
    private record Connected(TestSocket socket, String conversation) {
    }

    private Connected connect(Tenant tenant, String page, String zone) {
        TestSocket socket = TestSocket.visitorFrom(port, "127.0.0.1", Map.of("User-Agent", FIREFOX_ON_LINUX));
        Map<String, Object> hello = helloFrame(tenant.inboxId(), null);
        hello.put("page", page);
        hello.put("zone", zone);
        socket.send(hello);
        JsonNode welcome = socket.next();
        assertThat(welcome.path("type").asString()).as("answer to hello: %s", welcome).isEqualTo("welcome");
        JsonNode ack = sendForAck(socket, visitorSend("m-1", "Hello"));
        return new Connected(socket, ack.path("conversation").asString());
    }

    private String conversationPage(DashboardSession owner, String conversation) {
        HttpResponse<String> page = owner.get("/app/conversations/" + conversation);
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    @Test
    void theOwnerSeesThePathTheBrowserAndTheLocalTimeWhileTheVisitorIsConnectedAndNothingIsStored() throws Exception {
        clock.freeze();
        Tenant tenant = newTenant(fixtures);
        String path = "/pricing/plan-" + UUID.randomUUID();
        Connected visitor = connect(tenant, path + "?coupon=QUERYSECRET#FRAGMENTSECRET", "Asia/Kathmandu");
        DashboardSession owner = DashboardSession.signIn(port, tenant.owner().email(), Fixtures.PASSWORD);

        String body = conversationPage(owner, visitor.conversation());
        String localTime = DateTimeFormatter.ofPattern("HH:mm")
            .withZone(ZoneId.of("Asia/Kathmandu"))
            .format(clock.instant());
        assertThat(body).contains("id=\"visit-now\"")
            .contains("<dd id=\"visit-page\">" + path + "</dd>")
            .contains("<dd id=\"visit-browser\">Firefox 133 on Linux</dd>")
            .contains("<dd id=\"visit-time\">" + localTime + " (Asia/Kathmandu)</dd>")
            .doesNotContain("QUERYSECRET")
            .doesNotContain("FRAGMENTSECRET")
            .doesNotContain("Gecko/20100101");

        // the time is the visitor's now, not the page's first rendering
        clock.move(Duration.ofMinutes(75));
        String later = DateTimeFormatter.ofPattern("HH:mm")
            .withZone(ZoneId.of("Asia/Kathmandu"))
            .format(clock.instant());
        assertThat(conversationPage(owner, visitor.conversation()))
            .contains("<dd id=\"visit-time\">" + later + " (Asia/Kathmandu)</dd>");

        byte[] stored = TestDatabase.isPostgres() ? EncryptionAtRestScans.pgDump()
                : EncryptionAtRestScans.h2Files(dataSource, dataDir);
        assertThat(EncryptionAtRestScans.indexOf(stored, path.getBytes(StandardCharsets.UTF_8)))
            .as("the page's path in the database")
            .isNegative();
        assertThat(EncryptionAtRestScans.indexOf(stored, "Firefox 133 on Linux".getBytes(StandardCharsets.UTF_8)))
            .as("the browser in the database")
            .isNegative();

        visitor.socket().close();
        Instant deadline = Instant.now().plusSeconds(10);
        String after = conversationPage(owner, visitor.conversation());
        while (after.contains("id=\"visit-now\"") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50); // the server learns of the close asynchronously
            after = conversationPage(owner, visitor.conversation());
        }
        assertThat(after).as("the conversation page once the visitor left")
            .doesNotContain("id=\"visit-now\"")
            .doesNotContain(path);
    }

    @Test
    void aZoneOrPageThatIsNotOneIsDroppedAndTheChatGoesOn() {
        Tenant tenant = newTenant(fixtures);
        Connected visitor = connect(tenant, "pricing?x=1", "Mars/Olympus_Mons");
        DashboardSession owner = DashboardSession.signIn(port, tenant.owner().email(), Fixtures.PASSWORD);

        String body = conversationPage(owner, visitor.conversation());
        assertThat(body).contains("<dd id=\"visit-page\">—</dd>")
            .contains("<dd id=\"visit-browser\">Firefox 133 on Linux</dd>")
            .contains("<dd id=\"visit-time\">—</dd>")
            .doesNotContain("Mars/Olympus_Mons");
        visitor.socket().close();
    }

    @Test
    void aPathWithMarkupIsShownAsText() {
        Tenant tenant = newTenant(fixtures);
        Connected visitor = connect(tenant, "/<img/src=x/onerror=alert(1)>", "Europe/Berlin");
        DashboardSession owner = DashboardSession.signIn(port, tenant.owner().email(), Fixtures.PASSWORD);

        String body = conversationPage(owner, visitor.conversation());
        assertThat(body).contains("<dd id=\"visit-page\">/&lt;img/src=x/onerror=alert(1)&gt;</dd>")
            .doesNotContain("<img/src=x");
        visitor.socket().close();
    }

}
