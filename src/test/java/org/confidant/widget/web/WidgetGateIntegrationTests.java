package org.confidant.widget.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxAllowedDomainsChanged;
import org.confidant.inbox.InboxWidgetLanguageChanged;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.AuditAction;
import org.confidant.shared.Forbidden;
import org.confidant.shared.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The widget's HTTP gate: the loader at its content-hashed, immutable URL with the SRI
 * hash of its exact bytes in the snippet; the iframe document framed only by the inbox's
 * allowed domains (and refused, unframeable, when there are none); and the install page's
 * allowed-domains form, which stores nothing on bad input.
 */
@IntegrationTest
@RecordApplicationEvents
class WidgetGateIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final Pattern SNIPPET_SRC = Pattern.compile(
            "src=&quot;(http://[^&]+/widget/loader\\.[0-9a-f]{16}\\.js)&quot; integrity=&quot;(sha384-[^&]+)&quot;");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    InboxManagement inboxes;

    @Autowired
    ApplicationEvents events;

    /** The audited events of the test, published on the server's threads too. */
    @Autowired
    PublishedEvents published;

    private final HttpClient http = HttpClient.newHttpClient();

    private Member owner;

    private DashboardSession browser;

    private Inbox inbox;

    @BeforeEach
    void ownerWithAnInbox() {
        owner = fixtures.workspaceWithOwner();
        browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        inbox = inboxes.create(fixtures.grants(owner), "gate.example");
    }

    @Test
    void theSnippetNamesTheHashedLoaderWithTheIntegrityOfTheExactBytesServed() throws Exception {
        Matcher snippet = SNIPPET_SRC.matcher(browser.get("/app/inboxes/" + inbox.id() + "/install").body());
        assertThat(snippet.find()).as("the install page's snippet").isTrue();
        HttpResponse<byte[]> loader = fetch(snippet.group(1), "https://shop.example");

        assertThat(loader.statusCode()).isEqualTo(200);
        String sha384 = "sha384-"
                + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(loader.body()));
        assertThat(snippet.group(2)).isEqualTo(sha384);
        assertThat(loader.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cache -> assertThat(cache).contains("public").contains("max-age=31536000").contains("immutable"));
        assertThat(loader.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(loader.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));

        // no other version, and no un-hashed copy, is served
        String base = "http://127.0.0.1:" + port;
        for (String path : new String[] { "/widget/loader.0000000000000000.js", "/widget/loader.js",
                "/widget/frame.html", "/widget/loader..js" }) {
            assertThat(fetch(base + path, null).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void theFrameOfAnInboxWithoutAllowedDomainsIsRefusedAndUnframeable() throws Exception {
        HttpResponse<byte[]> refused = fetch(frameUrl(inbox), null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body())).contains("This chat is not live yet");
        assertThat(refused.headers().firstValue("Content-Security-Policy"))
            .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));

        for (String id : new String[] { "", "not-an-inbox", UUID.randomUUID().toString() }) {
            HttpResponse<byte[]> unknown = fetch("http://127.0.0.1:" + port + "/widget/frame?inbox=" + id, null);
            assertThat(unknown.statusCode()).as("frame of inbox '%s'", id).isEqualTo(404);
        }
    }

    @Test
    void theFrameMayBeFramedByExactlyTheAllowedDomains() throws Exception {
        inboxes.setAllowedDomains(fixtures.grants(owner), inbox.id(), "https://shop.example\nhttps://*.brand.example");
        HttpResponse<byte[]> frame = fetch(frameUrl(inbox), null);
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(new String(frame.body())).contains("/widget/app.js");
        String csp = frame.headers().allValues("Content-Security-Policy").stream().reduce("", String::concat);
        assertThat(csp).endsWith("frame-ancestors https://*.brand.example https://shop.example")
            .contains("script-src 'self'")
            .doesNotContain("frame-ancestors *")
            .doesNotContain("frame-ancestors 'none'");
        assertThat(frame.headers().allValues("Content-Security-Policy")).hasSize(1);
    }

    @Test
    void savingAListPublishesTheAuditedEvent() {
        inboxes.setAllowedDomains(fixtures.grants(owner), inbox.id(), "https://shop.example");
        assertThat(events.stream(InboxAllowedDomainsChanged.class)).singleElement().satisfies(event -> {
            assertThat(event.auditRecord().action()).isEqualTo(AuditAction.INBOX_ALLOWED_DOMAINS_CHANGED);
            assertThat(event.workspaceId()).isEqualTo(owner.workspaceId());
            assertThat(event.auditRecord().target()).isEqualTo("inbox:" + inbox.id());
            assertThat(event.auditRecord().actor().id()).isEqualTo(owner.id().value().toString());
            assertThat(event.auditRecord().details()).containsEntry("origins", "https://shop.example");
        });
        events.clear();
        assertThatThrownBy(() -> inboxes.setAllowedDomains(fixtures.grants(owner), inbox.id(),
                "https://other.example shop.example"))
            .isInstanceOf(Rejected.class);
        assertThat(events.stream(InboxAllowedDomainsChanged.class)).as("events of a refused list").isEmpty();
    }

    @Test
    void theInstallPageSavesAValidList() {
        browser.get("/app/inboxes/" + inbox.id() + "/install");
        HttpResponse<String> saved = browser.post("/app/inboxes/" + inbox.id() + "/allowed-domains",
                Map.of("domains", "HTTPS://Shop.Example\r\nhttps://*.brand.example, http://localhost:8080"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/app/inboxes/" + inbox.id() + "/install?saved"));
        assertThat(inboxes.allowedDomains(owner.workspaceId(), inbox.id()).asText())
            .isEqualTo("http://localhost:8080\nhttps://*.brand.example\nhttps://shop.example");
        String page = browser.get("/app/inboxes/" + inbox.id() + "/install").body();
        assertThat(page).contains("https://shop.example").doesNotContain("id=\"not-live\"");
    }

    @Test
    void aBadListIsA400NamingTheBadEntriesAndNothingIsStored() {
        inboxes.setAllowedDomains(fixtures.grants(owner), inbox.id(), "https://shop.example");
        browser.get("/app/inboxes/" + inbox.id() + "/install");
        HttpResponse<String> refused = browser.post("/app/inboxes/" + inbox.id() + "/allowed-domains",
                Map.of("domains", "https://new.example\nnew.example\nhttps://*.com"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("&quot;new.example&quot;: write the scheme too")
            .contains("&quot;https://*.com&quot;")
            .contains("https://new.example");
        assertThat(inboxes.allowedDomains(owner.workspaceId(), inbox.id()).asText()).isEqualTo("https://shop.example");
    }

    @Test
    void theInstallPageOffersToAllowTheServersOwnOriginForTheDemo() {
        String page = browser.get("/app/inboxes/" + inbox.id() + "/install").body();
        assertThat(page).contains("id=\"not-live\"")
            .contains("id=\"allow-server\"")
            .contains("value=\"http://127.0.0.1:" + port + "\"");
        assertThat(DashboardSession.anonymous(port).get("/demo/" + inbox.id()).body()).contains("demo-not-allowed");

        browser.post("/app/inboxes/" + inbox.id() + "/allowed-domains", Map.of("domains", "http://127.0.0.1:" + port));
        assertThat(browser.get("/app/inboxes/" + inbox.id() + "/install").body()).doesNotContain("id=\"allow-server\"");
        assertThat(DashboardSession.anonymous(port).get("/demo/" + inbox.id()).body())
            .doesNotContain("demo-not-allowed");
    }

    @Test
    void anInboxMayFixItsWidgetsLanguageAndABadOneIsA400NamingTheFieldWithNothingStored() throws Exception {
        inboxes.setAllowedDomains(fixtures.grants(owner), inbox.id(), "https://shop.example");
        assertThat(frameIn("de-CH,de;q=0.9,en;q=0.5")).as("auto: the browser's language")
            .contains("<html lang=\"de\" dir=\"ltr\">");
        browser.get("/app/inboxes/" + inbox.id() + "/install");
        for (String bad : new String[] { "klingon", "AR", "", "ar " }) {
            HttpResponse<String> refused = browser.post("/app/inboxes/" + inbox.id() + "/widget-language",
                    Map.of("language", bad));
            assertThat(refused.statusCode()).as("'%s'", bad).isEqualTo(400);
            assertThat(refused.body()).as("'%s'", bad).contains("widget_language: &quot;auto&quot; or one of en, de");
        }
        assertThat(inboxes.widgetLanguage(owner.workspaceId(), inbox.id())).isEqualTo("auto");
        assertThat(published.of(InboxWidgetLanguageChanged.class)).as("events of refused languages").isEmpty();

        HttpResponse<String> saved = browser.post("/app/inboxes/" + inbox.id() + "/widget-language",
                Map.of("language", "ar"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/app/inboxes/" + inbox.id() + "/install?languageSaved"));
        assertThat(inboxes.widgetLanguage(owner.workspaceId(), inbox.id())).isEqualTo("ar");
        assertThat(frameIn("de-CH,de;q=0.9")).as("fixed: the inbox's").contains("<html lang=\"ar\" dir=\"rtl\">");
        assertThat(browser.get("/app/inboxes/" + inbox.id() + "/install").body())
            .containsPattern("<option value=\"ar\"\\s+selected=\"selected\">العربية</option>");
        assertThat(published.of(InboxWidgetLanguageChanged.class)).singleElement().satisfies(event -> {
            assertThat(event.auditRecord().action()).isEqualTo(AuditAction.INBOX_WIDGET_LANGUAGE_CHANGED);
            assertThat(event.auditRecord().target()).isEqualTo("inbox:" + inbox.id());
            assertThat(event.auditRecord().details()).containsEntry("language", "ar");
        });

        browser.post("/app/inboxes/" + inbox.id() + "/widget-language", Map.of("language", "auto"));
        assertThat(inboxes.widgetLanguage(owner.workspaceId(), inbox.id())).isEqualTo("auto");
        assertThat(frameIn("pt-BR")).contains("<html lang=\"pt\" dir=\"ltr\">");
        assertThatThrownBy(
                () -> inboxes.setWidgetLanguage(fixtures.grants(fixtures.agent(owner, "Agent")), inbox.id(), "de"))
            .isInstanceOf(Forbidden.class);
    }

    /** The inbox's frame, as a browser speaking {@code languages} gets it. */
    private String frameIn(String languages) throws IOException, InterruptedException {
        HttpResponse<String> frame = http.send(
                HttpRequest.newBuilder(URI.create(frameUrl(inbox))).header("Accept-Language", languages).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Accept-Language"));
        assertThat(frame.headers().firstValue("Content-Security-Policy").orElseThrow())
            .containsPattern("script-src 'self' 'sha256-[A-Za-z0-9+/]{43}='; ")
            .doesNotContain("unsafe")
            .doesNotContain("blob:");
        return frame.body();
    }

    private String frameUrl(Inbox inbox) {
        return "http://127.0.0.1:" + port + "/widget/frame?inbox=" + inbox.id();
    }

    private HttpResponse<byte[]> fetch(String url, String origin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

}
