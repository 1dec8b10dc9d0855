package org.confidant.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.inbox.IdentityTokenTestSamples.claims;
import static org.confidant.inbox.IdentityTokenTestSamples.hs256;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confidant.DashboardSession;
import org.confidant.access.Grants;
import org.confidant.conversation.ConversationFilter;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.ConversationSummary;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.inbox.VisitorIdentityTokens;
import org.confidant.widget.VisitorTokenTestSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

import com.sun.net.httpserver.HttpServer;
import org.confidant.Fixtures;
import org.openqa.selenium.JavascriptExecutor;
import org.confidant.privacy.VisitorStorage;
import org.confidant.privacy.PrivacyManagement;
import org.confidant.privacy.ConsentMode;
import org.confidant.shared.ConversationId;
import org.confidant.IntegrationTest;

/**
 * The issue's acceptance test, in two real browsers (Debian's Chromium through
 * chromedriver): a visitor chats through the widget embedded on a host page of another
 * origin, an agent answers from the dashboard, both live, and the transcript stays text,
 * stays out of the host page's reach and survives a reload. A second test drives the
 * dashboard's list filters and conversation actions; a third, a visitor signed in on the
 * host site (an identity token in the snippet), tampered and spoofed identities; a
 * fourth, the visitor token kept in the chat frame's own storage, replaced when the
 * server renews it, kept across a reload and never in a URL.
 *
 * <p>
 * The browser and driver come from {@code CONFIDANT_CHROMIUM} and
 * {@code CONFIDANT_CHROMEDRIVER} (defaults {@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}); if either is missing the test fails rather than skips,
 * and Selenium Manager is never asked to download anything.
 */
@IntegrationTest(profiles = "short-tokens")
class VisitorAgentChatEndToEndTests {

    @Autowired
    Fixtures fixtures;

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static final String MARKUP = "Hello <b>there</b> <img src=x onerror=\"window.__xss=1\">";

    private static final String REPLY = "Hi! How can I help? <i>Ask away</i>";

    private static final String FOLLOW_UP = "Still here <script>window.__xss=2</script> & <u>waiting</u>";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final List<Browser> browsers = new ArrayList<>();

    private HttpServer hostSite;

    @BeforeAll
    static void browserIsInstalled() {
        Chromium.requireInstalled();
    }

    @AfterEach
    void closeBrowsers() {
        for (Browser browser : browsers) {
            browser.close();
        }
        browsers.clear();
        if (hostSite != null) {
            hostSite.stop(0);
            hostSite = null;
        }
    }

    @Test
    void visitorAndAgentChatLiveAndTheTranscriptStaysTextAndOutOfTheHostPagesReach() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = context.getBean(InboxManagement.class).create(fixtures.grants(owner), "acme.test");
        String hostPage = startHostSite(installSnippet(owner, inbox));
        allow(owner, inbox, hostPage);

        // 1. The agent signs in and lands on the conversation list.
        Browser agent = open("agent");
        signIn(agent, owner);
        agent.until("the empty conversation list",
                d -> text(d, "#conversation-list").contains("No conversations here."));

        // 2. The visitor opens the host page (another origin), opens the widget and
        // writes markup.
        Browser visitor = open("visitor");
        visitor.driver.get(hostPage + "?coupon=QUERYSECRET"); // the side panel shows the
                                                              // path only
        openWidget(visitor);
        visitor.until("the widget to connect", d -> text(d, "#confidant-status").isEmpty());
        visitor.driver.findElement(By.id("confidant-input")).sendKeys(MARKUP);
        visitor.driver.findElement(By.id("confidant-send")).click();
        visitor.until("the visitor's message to be acknowledged",
                d -> count(d, "#confidant-log .confidant-msg--visitor[data-seq='1']") == 1);
        assertThat(textContent(visitor, "#confidant-log .confidant-msg--visitor .confidant-msg__text"))
            .isEqualTo(MARKUP);

        // 3. Without a reload, the conversation shows up in the agent's list, unread.
        agent.until("the new conversation in the list, with an unread badge",
                d -> count(d, "#conversation-list li[data-conversation].unread .badge") == 1);
        assertThat(text(agent.driver, "#conversation-list li[data-conversation] .badge")).isEqualTo("1");
        assertThat(text(agent.driver, "#conversation-list li[data-conversation] .preview")).contains("Hello");
        String conversation = agent.string(
                "return document.querySelector('#conversation-list li[data-conversation]')" + ".dataset.conversation");
        agent.driver.findElement(By.cssSelector("#conversation-list li[data-conversation] a")).click();
        agent.until("the thread", d -> count(d, "#messages li[data-seq='1']") == 1);
        assertThat(agent.driver.getCurrentUrl()).contains("/app/conversations/" + conversation);
        assertThat(textContent(agent, "#messages li[data-seq='1'] .text")).isEqualTo(MARKUP);
        assertThat(agent.script("return document.querySelector('#messages li[data-seq=\"1\"]').dataset.author"))
            .isEqualTo("visitor");
        assertNoMarkupIn(agent, "#messages");
        // the side panel's "Now": the host page's path (not its query), the browser, the
        // visitor's local time
        assertThat(text(agent.driver, "#visit-page")).isEqualTo("/");
        assertThat(text(agent.driver, "#visit-browser")).matches("Chrome \\d+ on Linux");
        assertThat(text(agent.driver, "#visit-time")).matches("\\d\\d:\\d\\d \\(.+\\)");
        assertThat(agent.driver.getPageSource()).doesNotContain("QUERYSECRET");
        agent.until("the list to show the conversation as read",
                d -> count(d, "#conversation-list li.selected[data-conversation]") == 1
                        && count(d, "#conversation-list .badge") == 0);

        // 4. The agent replies (Enter sends); the reply is committed and gets its
        // sequence number.
        agent.driver.findElement(By.id("reply")).sendKeys(REPLY, Keys.ENTER);
        agent.until("the reply to be committed", d -> count(d, "#messages li.msg--agent[data-seq='2']") == 1
                && count(d, "#messages li.msg--pending") == 0);
        assertThat(textContent(agent, "#messages li[data-seq='2'] .text")).isEqualTo(REPLY);
        assertThat(textContent(agent, "#messages li[data-seq='2'] .author")).isEqualTo(owner.displayName());
        assertThat(agent.script("return document.getElementById('reply').value")).isEqualTo("");

        // 5. The visitor sees the reply live, with the agent's name.
        visitor.until("the agent's reply in the widget",
                d -> count(d, "#confidant-log .confidant-msg--agent[data-seq='2']") == 1);
        assertThat(textContent(visitor, ".confidant-msg--agent .confidant-msg__text")).isEqualTo(REPLY);
        assertThat(textContent(visitor, ".confidant-msg--agent .confidant-msg__author")).isEqualTo(owner.displayName());
        assertNoMarkupIn(visitor, "#confidant-log");

        // ... and a follow-up of the visitor reaches the open thread live, still as text.
        visitor.driver.findElement(By.id("confidant-input")).sendKeys(FOLLOW_UP, Keys.ENTER);
        agent.until("the follow-up, live in the agent's thread", d -> count(d, "#messages li[data-seq='3']") == 1);
        assertThat(textContent(agent, "#messages li[data-seq='3'] .text")).isEqualTo(FOLLOW_UP);
        assertNoMarkupIn(agent, "#messages");
        visitor.until("the follow-up to be acknowledged",
                d -> count(d, "#confidant-log .confidant-msg--visitor[data-seq='3']") == 1);

        agent.until("the list to preview the follow-up",
                d -> text(d, "#conversation-list li[data-conversation] .preview").startsWith("Still here"));

        agent.screenshot("/tmp/e2e-agent.png");
        visitor.driver.switchTo().defaultContent();
        visitor.screenshot("/tmp/e2e-visitor.png");

        // 7. The host page (another origin) can neither reach into the frame nor find the
        // visitor's token.
        assertThat(visitor.script("return document.getElementById('confidant-frame').contentDocument === null"))
            .isEqualTo(true);
        assertThat(visitor.script("try { return 'read: ' + frames[0].document.body.textContent; }"
                + " catch (e) { return 'refused: ' + e.name; }"))
            .isEqualTo("refused: SecurityError");
        assertThat(visitor.script("return localStorage.length")).isEqualTo(0L);
        assertThat(visitor.script("return document.cookie")).isEqualTo("");
        assertThat(visitor.script("return typeof window.__xss")).isEqualTo("undefined");

        // 8. postMessage: the loader obeys only its own frame, from Confidant's origin,
        // in the exact shape. Each spoof
        // is followed by a marker from the same window, so once the marker has arrived
        // the spoof has been handled.
        visitor.script("addEventListener('message', e => { if (e.data === 'marker') window.__markers = "
                + "(window.__markers || 0) + 1; })");
        visitor.script("window.postMessage({confidant: 'close'}, '*'); window.postMessage('marker', '*');");
        visitor.until("the host page's own message to be handled",
                d -> Long.valueOf(1).equals(visitor.script("return window.__markers || 0")));
        visitor.driver.switchTo().frame("confidant-frame");
        visitor.script("parent.postMessage({confidant: 'close', text: 'x'}, '*'); parent.postMessage('marker', '*');");
        visitor.driver.switchTo().defaultContent();
        visitor.until("the frame's misshapen message to be handled",
                d -> Long.valueOf(2).equals(visitor.script("return window.__markers || 0")));
        assertThat(visitor.driver.findElement(By.id("confidant-launcher")).getAttribute("aria-expanded"))
            .as("the chat after messages the loader must ignore")
            .isEqualTo("true");
        visitor.driver.switchTo().frame("confidant-frame");
        visitor.driver.findElement(By.id("confidant-close")).click();
        visitor.driver.switchTo().defaultContent();
        visitor.until("the chat's own close button to close it through the loader",
                d -> "false".equals(d.findElement(By.id("confidant-launcher")).getAttribute("aria-expanded")));

        // 6. After a reload the widget shows the same conversation again, in order.
        visitor.driver.navigate().refresh();
        openWidget(visitor);
        visitor.until("the whole thread after the reload",
                d -> count(d, "#confidant-log .confidant-msg[data-seq]") == 3);
        assertThat(visitor.script("return Array.from(document.querySelectorAll('#confidant-log .confidant-msg'),"
                + " m => m.dataset.seq + ' ' + m.dataset.author + ': '"
                + " + m.querySelector('.confidant-msg__text').textContent)"))
            .isEqualTo(List.of("1 visitor: " + MARKUP, "2 agent: " + REPLY, "3 visitor: " + FOLLOW_UP));
        assertNoMarkupIn(visitor, "#confidant-log");
        assertThat(context.getBean(ConversationManagement.class).list(fixtures.grants(owner), ConversationFilter.OPEN))
            .as("one conversation: the reload kept the visitor's token")
            .hasSize(1);
        assertThat(agent.script("return document.querySelectorAll('#conversation-list li[data-conversation]').length"))
            .isEqualTo(1L);

        assertThat(agent.severeConsoleEntries()).as("console errors in the agent's browser").isEmpty();
        assertThat(visitor.severeConsoleEntries()).as("console errors in the visitor's browser").isEmpty();
    }

    @Test
    void agentFiltersTheListAndResolvesReopensAssignsAndUnassigns() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = context.getBean(InboxManagement.class).create(fixtures.grants(owner), "acme.test");

        Browser agent = open("agent");
        signIn(agent, owner);

        // The inbox's own demo page embeds the widget as well, once the install page has
        // allowed the server's origin.
        agent.driver.get("http://127.0.0.1:" + port + "/app/inboxes/" + inbox.id() + "/install");
        agent.driver.findElement(By.cssSelector("#allow-server button")).click();
        agent.until("the allowed domains to be saved",
                d -> Objects.requireNonNull(d.getCurrentUrl()).endsWith("?saved"));
        assertThat(agent.script("return document.getElementById('domains').value"))
            .isEqualTo("http://127.0.0.1:" + port);
        agent.driver.get("http://127.0.0.1:" + port + "/app/conversations");
        agent.until("the conversation list", d -> count(d, "#conversation-list") == 1);
        Browser visitor = open("visitor");
        visitor.driver.get("http://127.0.0.1:" + port + "/demo/" + inbox.id());
        openWidget(visitor);
        visitor.until("the widget to connect", d -> text(d, "#confidant-status").isEmpty());
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Hi from the demo page", Keys.ENTER);
        visitor.until("the message to be acknowledged", d -> count(d, ".confidant-msg--visitor[data-seq='1']") == 1);

        // (The list's live refresh is the first test's business: here every list is
        // loaded by its filter link.)
        List<String> open = listed(agent, "Open");
        assertThat(open).as("the Open list").hasSize(1);
        String conversation = open.getFirst();
        assertThat(listed(agent, "Unassigned")).containsExactly(conversation);
        assertThat(listed(agent, "Mine")).isEmpty();
        assertThat(listed(agent, "Resolved")).isEmpty();
        assertThat(listed(agent, "Open")).containsExactly(conversation);

        // Assign to me: the conversation is the agent's, and no longer unassigned.
        openConversation(agent, conversation);
        press(agent, "assign-me", "unassign");
        assertThat(text(agent.driver, "#conversation-list li[data-conversation] .row3")).contains(owner.displayName());
        assertThat(listed(agent, "Mine")).containsExactly(conversation);
        assertThat(listed(agent, "Unassigned")).isEmpty();

        // Resolve: out of Open, into Resolved.
        listed(agent, "Mine");
        openConversation(agent, conversation);
        press(agent, "resolve", "reopen");
        assertThat(text(agent.driver, ".thread-head .status")).isEqualTo("Resolved");
        assertThat(listed(agent, "Open")).isEmpty();
        assertThat(listed(agent, "Resolved")).containsExactly(conversation);
        assertThat(text(agent.driver, "#conversation-list li[data-conversation] .row3")).contains("Resolved");
        assertThat(listed(agent, "Mine")).as("Mine lists the agent's open conversations").isEmpty();

        // Reopen: back in Open (and Mine: it is still assigned).
        listed(agent, "Resolved");
        openConversation(agent, conversation);
        press(agent, "reopen", "resolve");
        assertThat(text(agent.driver, ".thread-head .status")).isEqualTo("Open");
        assertThat(listed(agent, "Resolved")).isEmpty();
        assertThat(listed(agent, "Mine")).containsExactly(conversation);
        assertThat(listed(agent, "Open")).containsExactly(conversation);

        // Unassign: unassigned again, and not the agent's any more.
        openConversation(agent, conversation);
        press(agent, "unassign", "assign-me");
        assertThat(listed(agent, "Unassigned")).containsExactly(conversation);
        assertThat(listed(agent, "Mine")).isEmpty();

        // The widget warns before a card number is sent; the server removes it before
        // anything is stored.
        WebElement input = visitor.driver.findElement(By.id("confidant-input"));
        input.sendKeys("My card is 4242 4242 4242 4242");
        visitor.until("the card warning", d -> text(d, "#confidant-error").contains("Card numbers are removed"));
        input.sendKeys(Keys.ENTER);
        visitor.until("the card message to be acknowledged", d -> count(d, ".confidant-msg--visitor[data-seq]") == 2);
        assertThat(text(visitor.driver, "#confidant-error")).isEmpty();
        assertThat(context.getBean(ConversationManagement.class)
            .messagesAfter(owner.workspaceId(), ConversationId.of(conversation), 0)
            .getLast()
            .text()).isEqualTo("My card is [card ending 4242 removed]");

        assertThat(agent.severeConsoleEntries()).as("console errors in the agent's browser").isEmpty();
        assertThat(visitor.severeConsoleEntries()).as("console errors in the visitor's browser").isEmpty();
    }

    @Test
    void aTamperedLoaderDoesNotRunAndAHostPageThatIsNotAllowedGetsNoChat() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = context.getBean(InboxManagement.class).create(fixtures.grants(owner), "acme.test");
        String snippet = installSnippet(owner, inbox);
        String hostPage = startHostSite(snippet);
        allow(owner, inbox, hostPage);

        // The same snippet, but the loader's bytes are not the ones published: the
        // browser refuses to run them.
        Browser tampered = open("tampered");
        tampered.driver.get(hostPage + "tampered");
        tampered.until("the page", d -> count(d, "h1") == 1);
        tampered.until("the browser to refuse the loader",
                d -> tampered.severeConsoleEntries().stream().anyMatch(entry -> entry.contains("integrity")));
        assertThat(count(tampered.driver, "#confidant-launcher")).as("launchers of the tampered loader").isZero();
        assertThat(tampered.script("return typeof window.__tampered")).isEqualTo("undefined");

        // The control: the very same modified bytes without the integrity attribute do
        // run.
        Browser control = open("control");
        control.driver.get(hostPage + "unchecked");
        control.until("the modified loader to run", d -> "ran".equals(control.script("return window.__tampered")));

        // A page on an origin the inbox does not allow: the chat is not framed, and no
        // visitor is created.
        allow(owner, inbox, "https://elsewhere.example/");
        Browser elsewhere = open("elsewhere");
        elsewhere.driver.get(hostPage);
        WebElement launcher = elsewhere.wait.withMessage("the widget's launcher button")
            .until(ExpectedConditions.elementToBeClickable(By.id("confidant-launcher")));
        launcher.click();
        elsewhere.until("the browser to refuse to frame the chat",
                d -> elsewhere.severeConsoleEntries().stream().anyMatch(entry -> entry.contains("frame-ancestors")));
        assertThat(context.getBean(ConversationManagement.class).list(fixtures.grants(owner), ConversationFilter.OPEN))
            .isEmpty();
    }

    @Test
    void aVisitorSignedInOnTheSiteChatsAsTheVerifiedContactAndForgedOrSpoofedIdentitiesGetNowhere() {
        Member owner = fixtures.workspaceWithOwner();
        Grants grants = fixtures.grants(owner);
        Inbox inbox = context.getBean(InboxManagement.class).create(grants, "acme.test");
        String secret = context.getBean(VisitorIdentityTokens.class)
            .addSharedSecret(grants, inbox.id(), "site-1")
            .secret();
        String grace = hs256(secret, "site-1", claims(inbox.id().toString(), "customer-42").build());
        String mallory = hs256(secret, "site-1",
                claims(inbox.id().toString(), "customer-666").claim("name", "Mallory")
                    .claim("email", "mallory@example.com")
                    .build());
        // Mallory's claims under Grace's signature
        String tampered = mallory.substring(0, mallory.lastIndexOf('.')) + grace.substring(grace.lastIndexOf('.'));
        String snippet = installSnippet(owner, inbox);
        String hostPage = startHostSite(
                snippet.replace("<script ", "<script data-confidant-identity=\"" + grace + "\" "),
                Map.of("/tampered-identity",
                        page(snippet.replace("<script ", "<script data-confidant-identity=\"" + tampered + "\" ")),
                        // a page of another origin (127.0.0.1, not localhost) that the
                        // test frames into the host page
                        "/spoof",
                        "<!doctype html><title>spoof</title><script>parent[0].postMessage({confidant: "
                                + "'identity', token: location.hash.slice(1)}, '*'); parent[0].postMessage('marker', '*');"
                                + "</script>"));
        allow(owner, inbox, hostPage);

        // 1. The signed-in visitor's widget gets the token from the page and says so;
        // their message opens the
        // conversation of the verified contact.
        Browser visitor = open("visitor");
        visitor.driver.get(hostPage);
        openWidget(visitor);
        visitor.until("the widget to connect as the verified visitor", d -> text(d, "#confidant-status").isEmpty()
                && d.findElement(By.id("confidant-verified")).isDisplayed());
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Where is my order?", Keys.ENTER);
        visitor.until("the message to be acknowledged",
                d -> count(d, "#confidant-log .confidant-msg--visitor[data-seq='1']") == 1);
        assertThat(contacts(owner)).isEqualTo(1);

        // 2. The agent sees the verified pill and the signed name.
        Browser agent = open("agent");
        signIn(agent, owner);
        agent.until("the conversation, with the verified pill",
                d -> count(d, "#conversation-list li[data-conversation] .pill.verified") == 1);
        // the list may be re-rendered live at any moment: go to the thread by its address
        agent.driver.get("http://127.0.0.1:" + port + "/app/conversations/" + agent
            .string("return document.querySelector('#conversation-list li[data-conversation]').dataset.conversation"));
        agent.until("the thread", d -> count(d, "#messages li[data-seq='1']") == 1);
        assertThat(count(agent.driver, "#contact-verified")).isEqualTo(1);
        assertThat(text(agent.driver, "body")).contains("Grace Hopper");

        // 3. Identity messages from any window but the page that frames the chat are
        // ignored: from the chat's own
        // window, and from a frame of another origin on the host page. Each is followed
        // by a marker from the same
        // window; once the chat has seen both markers it has handled both spoofs, and
        // opened no socket for them.
        visitor.script("window.__sockets = 0; const Real = WebSocket; window.WebSocket = function (url) {"
                + " window.__sockets++; return new Real(url); }; window.WebSocket.OPEN = Real.OPEN;"
                + " addEventListener('message', e => { if (e.data === 'marker') window.__markers = (window.__markers || 0) + 1; });"
                + " postMessage({confidant: 'identity', token: arguments[0]}, '*'); postMessage('marker', '*');",
                mallory);
        visitor.driver.switchTo().defaultContent();
        visitor.script(
                "const spoof = document.createElement('iframe'); spoof.src = arguments[0]; document.body.append(spoof);",
                hostPage.replace("localhost", "127.0.0.1") + "spoof#" + mallory);
        visitor.driver.switchTo().frame("confidant-frame");
        visitor.until("both spoofs to be handled",
                d -> Long.valueOf(2).equals(visitor.script("return window.__markers")));
        assertThat(visitor.script("return window.__sockets")).as("sockets opened for spoofed identities").isEqualTo(0L);
        assertThat(text(visitor.driver, "#confidant-status")).isEmpty();
        assertThat(visitor.driver.findElement(By.id("confidant-verified")).isDisplayed()).isTrue();
        assertThat(contacts(owner)).isEqualTo(1);

        // ... whereas the page that frames it may switch identities (as on signing in as
        // someone else): the control.
        visitor.driver.switchTo().defaultContent();
        visitor.script(
                "document.getElementById('confidant-frame').contentWindow.postMessage("
                        + "{confidant: 'identity', token: arguments[0]}, arguments[1])",
                mallory, "http://127.0.0.1:" + port);
        visitor.driver.switchTo().frame("confidant-frame");
        visitor.until("the chat to start again as the other verified visitor",
                d -> Long.valueOf(1).equals(visitor.script("return window.__sockets"))
                        && text(d, "#confidant-status").isEmpty()
                        && count(d, "#confidant-log .confidant-msg[data-seq]") == 0 && contacts(owner) == 2);

        // 4. A tampered token: the widget says so, nothing is created.
        Browser forger = open("forger");
        forger.driver.get(hostPage + "tampered-identity");
        openWidget(forger);
        forger.until("the widget to refuse the tampered token",
                d -> text(d, "#confidant-status").startsWith("The identity token is not valid"));
        assertThat(forger.driver.findElement(By.id("confidant-verified")).isDisplayed()).isFalse();
        assertThat(contacts(owner)).isEqualTo(2);
        assertThat(context.getBean(ConversationManagement.class).list(grants, ConversationFilter.OPEN)).hasSize(1);

        assertThat(visitor.severeConsoleEntries()).as("console errors in the visitor's browser").isEmpty();
        assertThat(agent.severeConsoleEntries()).as("console errors in the agent's browser").isEmpty();
    }

    private long contacts(Member owner) {
        return context.getBean(JdbcClient.class)
            .sql("select count(*) from contact where workspace_id = ?")
            .param(owner.workspaceId().value())
            .query(Long.class)
            .single();
    }

    @Test
    void theVisitorTokenLivesInTheFramesStorageIsReplacedWhenRenewedSurvivesAReloadAndIsNeverInAUrl() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = context.getBean(InboxManagement.class).create(fixtures.grants(owner), "token.test");
        String hostPage = startHostSite(installSnippet(owner, inbox));
        allow(owner, inbox, hostPage);
        String key = "confidant.token." + inbox.id();

        Browser visitor = open("visitor");
        visitor.driver.get(hostPage);
        openWidget(visitor);
        visitor.until("the widget to connect", d -> text(d, "#confidant-status").isEmpty());
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Keep my place", Keys.ENTER);
        visitor.until("the message to be acknowledged",
                d -> count(d, "#confidant-log .confidant-msg--visitor[data-seq='1']") == 1);
        String first = visitor.string("return localStorage.getItem(arguments[0])", key);
        assertThat(first).matches("v1\\.[A-Za-z0-9_-]{107}\\.[A-Za-z0-9_-]{43}");

        // the server sends the next token before this one expires; the chat keeps it in
        // place of the old one
        new WebDriverWait(visitor.driver, Duration.ofSeconds(90)).withMessage("the renewed token in storage")
            .until(d -> !first.equals(visitor.script("return localStorage.getItem(arguments[0])", key)));
        String renewed = visitor.string("return localStorage.getItem(arguments[0])", key);
        assertThat(VisitorTokenTestSamples.read(renewed).session())
            .isEqualTo(VisitorTokenTestSamples.read(first).session());
        assertThat(visitor.script("return localStorage.length")).as("one entry in the frame's storage").isEqualTo(1L);
        List<String> frameUrls = visitor.strings("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".concat(performance.getEntriesByType('navigation').map(e => e.name), [location.href])");
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Still here", Keys.ENTER);
        visitor.until("the chat to go on with the renewed token",
                d -> count(d, "#confidant-log .confidant-msg--visitor[data-seq='2']") == 1);

        // the host page holds none of it, in its storage or its URLs
        visitor.driver.switchTo().defaultContent();
        assertThat(visitor.script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
        List<String> hostUrls = visitor.strings("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".concat([location.href, document.referrer])");
        for (String url : concat(frameUrls, hostUrls)) {
            for (String token : List.of(first, renewed)) {
                assertThat(url).as("a URL the visitor's browser used")
                    .doesNotContain(token.split("\\.")[1])
                    .doesNotContain(token.split("\\.")[2]);
            }
        }

        // after a reload the stored token brings the same visitor and conversation back
        visitor.driver.navigate().refresh();
        openWidget(visitor);
        visitor.until("the thread after the reload", d -> count(d, "#confidant-log .confidant-msg[data-seq]") == 2);
        String afterReload = visitor.string("return localStorage.getItem(arguments[0])", key);
        assertThat(VisitorTokenTestSamples.read(afterReload).contact())
            .isEqualTo(VisitorTokenTestSamples.read(first).contact());
        Grants grants = fixtures.grants(owner);
        List<ConversationSummary> conversations = context.getBean(ConversationManagement.class)
            .list(grants, ConversationFilter.OPEN);
        assertThat(conversations).hasSize(1);
        assertThat(visitor.severeConsoleEntries()).as("console errors in the visitor's browser").isEmpty();

        // blocked: the open chat says so and stops; reloaded, it says so again and stores
        // nothing new
        context.getBean(ConversationManagement.class)
            .setContactBlocked(grants, conversations.getFirst().conversation().id(), true);
        visitor.until("the chat to say it is closed to this visitor",
                d -> text(d, "#confidant-status").equals("This chat is not available to you."));
        visitor.driver.navigate().refresh();
        openWidget(visitor);
        visitor.until("the reloaded chat to be refused",
                d -> text(d, "#confidant-status").equals("This chat is not available to you."));
        assertThat(visitor.string("return localStorage.getItem(arguments[0])", key)).isEqualTo(afterReload);
    }

    /**
     * Consent mode: before the visitor accepts, the chat's origin holds nothing (local
     * and session storage, IndexedDB, cookies) and the server no contact; after
     * accepting, the message written meanwhile goes out; in the inbox's no-storage mode
     * the token lives in memory only, so a reload starts a new visitor.
     */
    @Test
    void inConsentModeNothingIsKeptBeforeTheVisitorAcceptsAndWithoutStorageAReloadStartsANewVisitor() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = context.getBean(InboxManagement.class).create(fixtures.grants(owner), "consent.test");
        String hostPage = startHostSite(installSnippet(owner, inbox));
        allow(owner, inbox, hostPage);
        context.getBean(PrivacyManagement.class)
            .setInboxPrivacy(fixtures.grants(owner), inbox.id(), ConsentMode.EXPLICIT, VisitorStorage.MEMORY,
                    "We keep this chat for 30 days.", "https://shop.example/privacy");

        Browser visitor = open("visitor");
        visitor.driver.get(hostPage);
        openWidget(visitor);
        visitor.until("the consent notice", d -> count(d, "#confidant-accept") == 1);
        assertThat(text(visitor.driver, "#confidant-consent p")).isEqualTo("We keep this chat for 30 days.");
        assertThat(visitor.driver.findElement(By.cssSelector("#confidant-consent a")).getDomProperty("href"))
            .isEqualTo("https://shop.example/privacy");
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Hello once I agreed", Keys.ENTER);
        assertNothingKeptByTheChat(visitor);
        assertThat(contacts(owner)).as("contacts before consent").isZero();

        visitor.driver.findElement(By.id("confidant-accept")).click();
        visitor.until("the message written before accepting to be acknowledged",
                d -> count(d, "#confidant-log .confidant-msg--visitor[data-seq='1']") == 1);
        assertThat(count(visitor.driver, "#confidant-consent")).isZero();
        assertThat(contacts(owner)).isEqualTo(1);
        assertNothingKeptByTheChat(visitor); // the token lives in memory only

        visitor.driver.navigate().refresh();
        openWidget(visitor);
        visitor.until("the consent notice after the reload", d -> count(d, "#confidant-accept") == 1);
        assertThat(count(visitor.driver, "#confidant-log .confidant-msg")).isZero();
        visitor.driver.findElement(By.id("confidant-accept")).click();
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Who am I now?", Keys.ENTER);
        visitor.until("a new visitor's first message",
                d -> count(d, "#confidant-log .confidant-msg--visitor[data-seq='1']") == 1);
        assertThat(contacts(owner)).as("a new visitor after the reload").isEqualTo(2);

        // what the chat keeps, on Confidant's origin; withdrawing ends the chat, and the
        // erasure it starts takes the contact away
        assertThat(visitor.driver.findElement(By.cssSelector("#confidant-privacy a")).getDomProperty("href"))
            .endsWith("/widget/privacy?inbox=" + inbox.id());
        visitor.driver.findElement(By.id("confidant-withdraw")).click();
        visitor.until("the chat to say it has ended", d -> text(d, "#confidant-status").startsWith("You withdrew"));
        assertThat(count(visitor.driver, "#confidant-privacy")).isZero();
        visitor.until("the erasure of the visitor who withdrew", d -> contacts(owner) == 1);
        assertNothingKeptByTheChat(visitor);
        assertThat(visitor.severeConsoleEntries()).as("console errors in the visitor's browser").isEmpty();
    }

    /**
     * A browser that sends Global Privacy Control gets a chat kept in memory only, until
     * the visitor asks the chat to remember them on this device: then a reload resumes
     * the same conversation.
     */
    @Test
    void underGlobalPrivacyControlTheChatIsRememberedOnlyWhenTheVisitorAsks() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = context.getBean(InboxManagement.class).create(fixtures.grants(owner), "gpc.test");
        String hostPage = startHostSite(installSnippet(owner, inbox));
        allow(owner, inbox, hostPage);
        // one renderer for the host page and the chat frame, so that the script below
        // runs in the frame's documents too
        Browser visitor = new Browser("visitor with GPC", WAIT, "--disable-site-isolation-trials",
                "--disable-features=IsolateOrigins,site-per-process");
        browsers.add(visitor);
        visitor.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })"));
        visitor.driver.get(hostPage);
        openWidget(visitor);
        assertThat(visitor.script("return navigator.globalPrivacyControl")).isEqualTo(true);
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Remember me?", Keys.ENTER);
        visitor.until("the first message", d -> count(d, "#confidant-log .confidant-msg--visitor[data-seq='1']") == 1);
        visitor.until("the offer to remember the chat", d -> count(d, "#confidant-remember") == 1);
        assertNothingKeptByTheChat(visitor);

        visitor.driver.navigate().refresh();
        openWidget(visitor);
        visitor.until("the offer after a reload", d -> count(d, "#confidant-remember") == 1);
        assertThat(count(visitor.driver, "#confidant-log .confidant-msg")).as("a new visitor").isZero();
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Now remember me", Keys.ENTER);
        visitor.until("the new visitor's message",
                d -> count(d, "#confidant-log .confidant-msg--visitor[data-seq='1']") == 1);
        visitor.driver.findElement(By.id("confidant-remember")).click();
        assertThat(visitor.string("return localStorage.getItem(arguments[0])", "confidant.token." + inbox.id()))
            .isNotBlank();

        visitor.driver.navigate().refresh();
        openWidget(visitor);
        visitor.until("the remembered conversation",
                d -> text(d, "#confidant-log .confidant-msg--visitor[data-seq='1'] " + ".confidant-msg__text")
                    .equals("Now remember me"));
        assertThat(count(visitor.driver, "#confidant-remember")).as("no offer once remembered").isZero();
        assertThat(contacts(owner)).isEqualTo(2);
        assertThat(visitor.severeConsoleEntries()).as("console errors in the visitor's browser").isEmpty();
    }

    /** The chat's origin, seen from its frame, holds no storage, database or cookie. */
    private static void assertNothingKeptByTheChat(Browser visitor) {
        assertThat(visitor.script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
        assertThat(visitor.string("return document.cookie")).isEmpty();
        assertThat(visitor.driver.manage().getCookies()).isEmpty();
        assertThat(((JavascriptExecutor) visitor.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; indexedDB.databases().then(d => done(d.length))"))
            .isEqualTo(0L);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---- steps
    // ---------------------------------------------------------------------------------------------------

    private void signIn(Browser agent, Member member) {
        agent.driver.get("http://127.0.0.1:" + port + "/login");
        agent.driver.findElement(By.name("username")).sendKeys(member.email());
        agent.driver.findElement(By.name("password")).sendKeys(Fixtures.PASSWORD);
        agent.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        agent.until("the dashboard after signing in", d -> Objects.requireNonNull(d.getCurrentUrl())
            .equals("http://127.0.0.1:" + port + "/app/conversations"));
        agent.until("the conversation list", d -> count(d, "#conversation-list") == 1);
    }

    /**
     * Clicks the launcher of the page loaded in this browser and switches into the chat
     * frame.
     */
    private static void openWidget(Browser visitor) {
        visitor.driver.switchTo().defaultContent();
        WebElement launcher = visitor.wait.withMessage("the widget's launcher button")
            .until(ExpectedConditions.elementToBeClickable(By.id("confidant-launcher")));
        assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
        launcher.click();
        visitor.until("the launcher to say the chat is open",
                d -> "true".equals(d.findElement(By.id("confidant-launcher")).getAttribute("aria-expanded")));
        visitor.wait.withMessage("the chat frame")
            .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("confidant-frame")));
        visitor.until("the chat app in the frame", d -> count(d, "#confidant-form") == 1);
    }

    /**
     * Shows the list under a filter (through its link) and returns the conversations in
     * it.
     */
    private static List<String> listed(Browser agent, String filter) {
        WebElement link = agent.driver.findElement(By.cssSelector("nav.filters")).findElement(By.linkText(filter));
        link.click();
        agent.wait.withMessage("the page after choosing " + filter).until(ExpectedConditions.stalenessOf(link));
        agent.until("the " + filter + " list",
                d -> Objects.requireNonNull(d.getCurrentUrl()).contains("filter=" + filter.toLowerCase())
                        && text(d, "nav.filters a.active").equals(filter) && count(d, "#conversation-list") == 1);
        return agent.strings("return Array.from(document.querySelectorAll('#conversation-list li[data-conversation]'),"
                + " li => li.dataset.conversation)");
    }

    /**
     * Follows the list's link to the conversation. The live list may be re-rendered at
     * any moment (a {@code conversation.changed} swaps it), so the link is read afresh
     * until its address is had, then followed.
     */
    private static void openConversation(Browser agent, String conversation) {
        String href = agent.wait.withMessage("the list's link to " + conversation)
            .until(d -> d
                .findElement(By.cssSelector("#conversation-list li[data-conversation='" + conversation + "'] a"))
                .getDomProperty("href"));
        agent.driver.get(href);
        agent.until("the thread of " + conversation, d -> count(d, "#messages") == 1
                && Objects.requireNonNull(d.getCurrentUrl()).contains("/app/conversations/" + conversation));
    }

    /**
     * Clicks an action button of the thread and waits for the reloaded thread to offer
     * the opposite one.
     */
    private static void press(Browser agent, String button, String opposite) {
        WebElement old = agent.driver.findElement(By.id(button));
        old.click();
        agent.wait.withMessage("the page after " + button).until(ExpectedConditions.stalenessOf(old));
        agent.until("the thread to offer " + opposite + " instead of " + button,
                d -> count(d, "#" + opposite) == 1 && count(d, "#" + button) == 0 && count(d, "#messages") == 1);
    }

    private static void assertNoMarkupIn(Browser browser, String container) {
        assertThat(browser.script(
                "return document.querySelectorAll(arguments[0] + ' b, ' + arguments[0] + ' img, '"
                        + " + arguments[0] + ' i, ' + arguments[0] + ' u, ' + arguments[0] + ' script').length",
                container))
            .as("elements made from message text in %s", container)
            .isEqualTo(0L);
        assertThat(browser.script("return typeof window.__xss")).isEqualTo("undefined");
    }

    // ---- the host site
    // -------------------------------------------------------------------------------------------

    /**
     * Serves a page embedding the widget from http://localhost:N, another origin (and
     * site) than Confidant's.
     */
    /** The embed snippet exactly as the inbox's install page shows it to the owner. */
    private String installSnippet(Member owner, Inbox inbox) {
        String page = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD)
            .get("/app/inboxes/" + inbox.id() + "/install")
            .body();
        Matcher snippet = Pattern.compile("id=\"embed-snippet\"[^>]*>([^<]+)</textarea>").matcher(page);
        assertThat(snippet.find()).as("the snippet on the install page").isTrue();
        return HtmlUtils.htmlUnescape(snippet.group(1)).strip();
    }

    /** Makes {@code pageUrl}'s origin the one origin allowed to embed the inbox. */
    private void allow(Member owner, Inbox inbox, String pageUrl) {
        URI page = URI.create(pageUrl);
        context.getBean(InboxManagement.class)
            .setAllowedDomains(fixtures.grants(owner), inbox.id(), page.getScheme() + "://" + page.getAuthority());
    }

    /**
     * Serves pages embedding the widget from http://localhost:N, another origin (and
     * site) than Confidant's: {@code /} with the snippet as given, {@code /tampered} with
     * the same snippet pointing at a modified copy of the loader served here, and
     * {@code /unchecked} with that copy and no integrity attribute.
     */
    private String startHostSite(String snippet) {
        return startHostSite(snippet, Map.of());
    }

    /**
     * The host site of {@link #startHostSite(String)}, serving {@code more} pages besides
     * (path to HTML).
     */
    private String startHostSite(String snippet, Map<String, String> more) {
        Matcher src = Pattern.compile("src=\"([^\"]+)\"").matcher(snippet);
        assertThat(src.find()).isTrue();
        byte[] modified;
        try {
            byte[] loader = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(src.group(1))).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
            modified = ("window.__tampered = 'ran';\n" + new String(loader, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
            hostSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String tampered = snippet.replace(src.group(1), "/loader.js");
        Map<String, byte[]> paths = new HashMap<>(Map.of("/", page(snippet).getBytes(StandardCharsets.UTF_8),
                "/tampered", page(tampered).getBytes(StandardCharsets.UTF_8), "/unchecked",
                page(tampered.replaceAll(" integrity=\"[^\"]+\"", "")).getBytes(StandardCharsets.UTF_8), "/loader.js",
                modified));
        more.forEach((path, html) -> paths.put(path, html.getBytes(StandardCharsets.UTF_8)));
        hostSite.createContext("/", exchange -> {
            byte[] body = paths.get(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders()
                .set("Content-Type", exchange.getRequestURI().getPath().endsWith(".js") ? "text/javascript"
                        : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body != null ? 200 : 404, body != null ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        hostSite.start();
        return "http://localhost:" + hostSite.getAddress().getPort() + "/";
    }

    private static String page(String snippet) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Acme</title><link rel="icon" href="data:,"></head>
                <body><h1>Acme</h1><p>A customer's website.</p>
                %s
                </body></html>
                """.formatted(snippet);
    }

    // ---- browsers
    // --------------------------------------------------------------------------------------------------

    private Browser open(String name) {
        Browser browser = new Browser(name, WAIT);
        browsers.add(browser);
        return browser;
    }

    private static String text(WebDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getText().strip();
    }

    private static int count(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    private static String textContent(Browser browser, String css) {
        return browser.string("return document.querySelector(arguments[0]).textContent", css);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

}
