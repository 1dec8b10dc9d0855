package org.confidant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.HtmlUtils;

import com.sun.net.httpserver.HttpServer;

/**
 * The chat app's chunks and languages in headless Chromium, the widget embedded on a host
 * page of another origin with the install page's snippet: each of the eleven languages
 * renders (chosen from the browser's languages, a region falling back to its language)
 * and the frame fetches exactly one strings file, its own; Arabic lays the frame out
 * right to left with the visitor's bubbles on the mirrored side; and a chunk whose bytes
 * differ from the hash the frame pins it to is refused by the browser while the chat
 * stays usable and says so.
 */
@IntegrationTest
class WidgetChunksEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /**
     * A browser language, the chat's language it picks, and that language's send button.
     */
    private static final List<String[]> LANGUAGES = List.of(new String[] { "en-US", "en", "Send" },
            new String[] { "de-CH", "de", "Senden" }, new String[] { "fr", "fr", "Envoyer" },
            new String[] { "es-MX", "es", "Enviar" }, new String[] { "it", "it", "Invia" },
            new String[] { "nl", "nl", "Versturen" }, new String[] { "pt-BR", "pt", "Enviar" },
            new String[] { "pl", "pl", "Wyślij" }, new String[] { "sv", "sv", "Skicka" },
            new String[] { "ja", "ja", "送信" }, new String[] { "ar", "ar", "إرسال" });

    @Autowired
    Fixtures fixtures;

    @Autowired
    InboxManagement inboxes;

    @LocalServerPort
    int port;

    private final List<Browser> browsers = new ArrayList<>();

    private HttpServer hostSite;

    @BeforeAll
    static void browserIsInstalled() {
        Chromium.requireInstalled();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
        browsers.clear();
        if (hostSite != null) {
            hostSite.stop(0);
            hostSite = null;
        }
    }

    @Test
    void theChatSpeaksEachLanguageAndFetchesOnlyItsOwnStrings() {
        String hostPage = hostPage();
        for (String[] language : LANGUAGES) {
            Browser visitor = open(language[0], "--accept-lang=" + language[0]);
            visitor.driver.get(hostPage);
            openWidget(visitor);
            visitor.until("the send button in " + language[1], d -> language[2]
                .equals(visitor.string("return document.getElementById('confidant-send').textContent")));
            assertThat(visitor.string("return document.documentElement.lang")).isEqualTo(language[1]);
            assertThat(visitor.strings("return performance.getEntriesByType('resource').map((e) => e.name)"
                    + ".filter((name) => name.includes('/widget/i18n/'))"))
                .as("the strings files the %s frame fetched", language[1])
                .singleElement()
                .satisfies(
                        name -> assertThat(name).matches(".*/widget/i18n/" + language[1] + "\\.json\\?v=[0-9a-f]{12}"));
            assertThat(visitor.string("return getComputedStyle(document.documentElement).direction"))
                .isEqualTo(language[1].equals("ar") ? "rtl" : "ltr");
            if (language[1].equals("en") || language[1].equals("ar")) {
                visitor.until("the chat to connect",
                        d -> visitor.string("return document.getElementById('confidant-status').textContent")
                            .isEmpty());
                visitor.driver.findElement(By.id("confidant-input")).sendKeys("Hello " + language[1]);
                visitor.driver.findElement(By.id("confidant-send")).click();
                visitor.until("the message to be acknowledged",
                        d -> d.findElements(By.cssSelector(".confidant-msg--visitor[data-seq]")).size() == 1);
                // The gaps between the visitor's bubble and the log's two edges: the
                // bubble sits at the end of the line, the right in English, the left in
                // Arabic.
                Number start = (Number) visitor.script("""
                        const log = document.getElementById('confidant-log').getBoundingClientRect();
                        const text = document.querySelector('.confidant-msg--visitor .confidant-msg__text')
                          .getBoundingClientRect();
                        return (text.left - log.left) - (log.right - text.right);""");
                if (language[1].equals("ar")) {
                    assertThat(start.doubleValue()).as("left gap minus right gap, Arabic").isLessThan(-50);
                }
                else {
                    assertThat(start.doubleValue()).as("left gap minus right gap, English").isGreaterThan(50);
                }
            }
            assertThat(visitor.severeConsoleEntries())
                .as("console errors in %s (a CSP violation among them)", language[1])
                .isEmpty();
            visitor.close();
            browsers.remove(visitor);
        }
    }

    @Test
    void aChunkWhoseBytesDifferFromItsPinIsRefusedAndTheChatStaysUsable() throws IOException {
        String hostPage = hostPage();

        // The control: the consent chunk, loaded at every welcome, shows the privacy bar.
        Browser control = open("control");
        control.driver.get(hostPage);
        openWidget(control);
        control.until("the privacy bar of consent.js", d -> d.findElements(By.id("confidant-privacy")).size() == 1);

        // The same file, changed on disk after the application pinned it.
        Path file = new ClassPathResource("static/widget/consent.js").getFile().toPath();
        byte[] original = Files.readAllBytes(file);
        try {
            Files.write(file, ("window.__tampered = 'ran';\n" + new String(original, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
            Browser visitor = open("visitor");
            visitor.driver.get(hostPage);
            openWidget(visitor);
            visitor.until("the chat to say a part could not be loaded",
                    d -> visitor.string("return document.getElementById('confidant-error').textContent")
                        .equals("Part of the chat could not be loaded. Please reload the page."));
            assertThat(visitor.script("return typeof window.__tampered")).isEqualTo("undefined");
            assertThat(visitor.driver.findElements(By.id("confidant-privacy"))).isEmpty();

            visitor.driver.findElement(By.id("confidant-input")).sendKeys("Still works");
            visitor.driver.findElement(By.id("confidant-send")).click();
            visitor.until("the message to be acknowledged",
                    d -> d.findElements(By.cssSelector(".confidant-msg--visitor[data-seq='1']")).size() == 1);
        }
        finally {
            Files.write(file, original);
        }
    }

    // ---- the host site and the browsers

    /**
     * A page of another origin (http://localhost:N) embedding a new inbox's widget with
     * the install page's snippet, that origin being the inbox's one allowed domain.
     */
    private String hostPage() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = inboxes.create(fixtures.grants(owner), "chunks.test");
        String install = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD)
            .get("/app/inboxes/" + inbox.id() + "/install")
            .body();
        Matcher snippet = Pattern.compile("id=\"embed-snippet\"[^>]*>([^<]+)</textarea>").matcher(install);
        assertThat(snippet.find()).as("the snippet on the install page").isTrue();
        byte[] page = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Acme</title><link rel="icon" href="data:,"></head>
                <body><h1>Acme</h1>
                %s
                </body></html>
                """.formatted(HtmlUtils.htmlUnescape(snippet.group(1)).strip()).getBytes(StandardCharsets.UTF_8);
        try {
            hostSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        hostSite.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        hostSite.start();
        String origin = "http://localhost:" + hostSite.getAddress().getPort();
        inboxes.setAllowedDomains(fixtures.grants(owner), inbox.id(), origin);
        return origin + "/";
    }

    private Browser open(String name, String... arguments) {
        Browser browser = new Browser(name, WAIT, arguments);
        browsers.add(browser);
        return browser;
    }

    private static void openWidget(Browser visitor) {
        visitor.driver.switchTo().defaultContent();
        visitor.wait.withMessage("the widget's launcher button")
            .until(ExpectedConditions.elementToBeClickable(By.id("confidant-launcher")))
            .click();
        visitor.wait.withMessage("the chat frame")
            .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("confidant-frame")));
        visitor.until("the chat app in the frame", d -> d.findElements(By.id("confidant-form")).size() == 1);
    }

}
