package org.confidant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.conversation.ConversationFilter;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The agent's day in two real browsers: a colleague assigns and resolves the conversation
 * an agent is answering, and the agent's page says who did what in place, without a
 * reload, keeping the reply being typed; an internal note shows in the dashboard and
 * never in the visitor's widget, live or after a reload; the draft survives a reload of
 * the page and is gone after signing out.
 */
@IntegrationTest
class AgentDayEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static final String DRAFT = "Let me check your order, one moment";

    private static final String NOTE = "NOTE-SECRET: refund approved by finance";

    @Autowired
    Fixtures fixtures;

    @Autowired
    InboxManagement inboxes;

    @Autowired
    ConversationManagement conversations;

    @LocalServerPort
    int port;

    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void browserIsInstalled() {
        Chromium.requireInstalled();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
        browsers.clear();
    }

    @Test
    void aColleagueAssignsAndResolvesWhileTheAgentTypesAndANoteNeverReachesTheWidget() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = inboxes.create(fixtures.grants(owner), "acme.test");
        inboxes.setAllowedDomains(fixtures.grants(owner), inbox.id(), "http://127.0.0.1:" + port);
        Member ana = fixtures.agent(owner, "Ana Agent");
        fixtures.joinInbox(owner, inbox.id(), ana);

        Browser visitor = open("visitor");
        visitor.driver.get("http://127.0.0.1:" + port + "/demo/" + inbox.id());
        openWidget(visitor);
        visitor.until("the widget to connect", d -> text(d, "#confidant-status").isEmpty());
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Where is my order?", Keys.ENTER);
        visitor.until("the message to be acknowledged", d -> count(d, ".confidant-msg--visitor[data-seq='1']") == 1);
        ConversationId conversation = conversations.list(fixtures.grants(owner), ConversationFilter.OPEN)
            .getFirst()
            .conversation()
            .id();

        // Ana opens the conversation and starts a reply, with the cursor in the middle
        Browser agent = open("agent");
        signIn(agent, ana);
        agent.driver.get("http://127.0.0.1:" + port + "/app/conversations/" + conversation);
        agent.until("the thread", d -> count(d, "#messages li[data-seq='1']") == 1);
        agent.until("the socket to watch the thread", d -> count(d, "#thread-head") == 1);
        WebElement reply = agent.driver.findElement(By.id("reply"));
        reply.sendKeys(DRAFT);
        agent.script(
                "const r = document.getElementById('reply'); r.setSelectionRange(9, 9); window.__sameDocument = 1;");

        // typing shows both ways, without the text
        visitor.until("the widget to say the agent is typing",
                d -> text(d, "#confidant-typing").equals("Agent is typing…"));
        assertThat(visitor.string("return document.documentElement.outerHTML")).doesNotContain(DRAFT);
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Also, can I");
        agent.until("the thread to say the visitor is typing",
                d -> text(d, "#typing").equals("The visitor is typing…"));
        assertThat(agent.string("return document.documentElement.outerHTML")).doesNotContain("Also, can I");

        // the owner assigns it to Ana: said in place, the draft and the document stay
        conversations.assign(fixtures.grants(owner), conversation, ana.id());
        agent.until("the assignment said in place",
                d -> text(d, "#thread-notice").equals(owner.displayName() + " assigned this to you."));
        agent.until("the head to show the assignee",
                d -> text(d, "#thread-assignee").equals("Assigned to Ana Agent") && count(d, "#unassign") == 1);
        assertThat(agent.script("return window.__sameDocument")).as("no reload").isEqualTo(1L);
        assertThat(agent.script("return document.getElementById('reply').value")).isEqualTo(DRAFT);

        // the owner resolves it
        conversations.resolve(fixtures.grants(owner), conversation);
        agent.until("the resolution said in place",
                d -> text(d, "#thread-notice").equals(owner.displayName() + " resolved this conversation."));
        agent.until("the head to offer reopen", d -> text(d, "#thread-status").equals("Resolved")
                && count(d, "#reopen") == 1 && count(d, "#resolve") == 0);
        assertThat(agent.script("return window.__sameDocument")).as("no reload").isEqualTo(1L);
        assertThat(agent.script("const r = document.getElementById('reply'); return [r.value, r.selectionStart]"))
            .as("the draft and its cursor")
            .isEqualTo(List.of(DRAFT, 9L));

        // a reload keeps the draft too (session storage)
        agent.driver.navigate().refresh();
        agent.until("the thread after the reload", d -> count(d, "#messages li[data-seq='1']") == 1);
        assertThat(agent.script("return document.getElementById('reply').value")).isEqualTo(DRAFT);

        // Ana writes an internal note, then a reply
        WebElement box = agent.driver.findElement(By.id("reply"));
        box.clear();
        box.sendKeys(Keys.SPACE, Keys.BACK_SPACE); // an input event: the cleared box is
                                                   // the draft
        agent.driver.findElement(By.id("note-mode")).click();
        agent.driver.findElement(By.id("reply")).sendKeys(NOTE, Keys.ENTER);
        agent.until("the note to be committed",
                d -> count(d, "#messages li.msg--note[data-note]") == 1 && count(d, "#messages li.msg--pending") == 0);
        assertThat(text(agent.driver, "#messages li.msg--note .note-label")).isEqualTo("Internal note");
        agent.driver.findElement(By.id("note-mode")).click();
        agent.driver.findElement(By.id("reply")).sendKeys("It ships today.", Keys.ENTER);
        agent.until("the reply to be committed", d -> count(d, "#messages li.msg--agent[data-seq='2']") == 1);

        // the visitor gets the reply, which was sent after the note, and never the note
        visitor.until("the agent's reply in the widget", d -> count(d, ".confidant-msg--agent[data-seq='2']") == 1);
        assertThat(visitor.string("return document.documentElement.outerHTML")).doesNotContain("NOTE-SECRET");
        visitor.driver.navigate().refresh();
        openWidget(visitor);
        visitor.until("the thread after the reload", d -> count(d, "#confidant-log .confidant-msg[data-seq]") == 2);
        assertThat(visitor.string("return document.documentElement.outerHTML")).doesNotContain("NOTE-SECRET");

        // the note stays in the agent's thread after a reload; signing out forgets every
        // draft
        agent.driver.findElement(By.id("reply")).sendKeys("an unsent draft");
        agent.driver.navigate().refresh();
        agent.until("the note after the reload", d -> count(d, "#messages li.msg--note[data-note]") == 1);
        assertThat(textContent(agent, "#messages li.msg--note .text")).isEqualTo(NOTE);
        assertThat(agent.script("return document.getElementById('reply').value")).isEqualTo("an unsent draft");
        agent.driver.findElement(By.cssSelector("form.signout button")).click();
        agent.until("the sign-in page", d -> Objects.requireNonNull(d.getCurrentUrl()).contains("/login"));
        assertThat(agent.script("return Object.keys(sessionStorage).filter(k => k.startsWith('confidant.draft.'))"))
            .as("drafts after signing out")
            .isEqualTo(List.of());

        assertThat(agent.severeConsoleEntries()).as("console errors in the agent's browser").isEmpty();
        assertThat(visitor.severeConsoleEntries()).as("console errors in the visitor's browser").isEmpty();
    }

    @Test
    void theDashboardPagesDoNotScrollSidewaysAtALaptopsWidth() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = fixtures.liveInbox(owner, "a-rather-long-inbox-name-for-the-walkthrough.example");
        Member agent = fixtures.agent(owner, "Ana Agent");
        fixtures.joinInbox(owner, inbox.id(), agent);
        Browser browser = open("owner");
        signIn(browser, owner);
        List<String> sideways = new ArrayList<>();
        for (String page : List.of("/app/conversations", "/app/audit", "/app/members", "/app/inboxes",
                "/app/inboxes/" + inbox.id() + "/install", "/app/jobs")) {
            browser.driver.get("http://127.0.0.1:" + port + page);
            browser.until(page, d -> count(d, "header.topbar") == 1);
            List<?> sizes = (List<?>) browser.script("return [innerWidth, document.documentElement.scrollWidth]");
            if ((Long) sizes.get(1) > (Long) sizes.get(0)) {
                sideways.add(page + " is " + sizes.get(1) + " px wide in a window of " + sizes.get(0));
            }
        }
        assertThat(sideways).as("pages that scroll sideways at 1280 px").isEmpty();
    }

    private void signIn(Browser agent, Member member) {
        agent.driver.get("http://127.0.0.1:" + port + "/login");
        agent.driver.findElement(By.name("username")).sendKeys(member.email());
        agent.driver.findElement(By.name("password")).sendKeys(Fixtures.PASSWORD);
        agent.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        agent.until("the dashboard after signing in",
                d -> Objects.requireNonNull(d.getCurrentUrl()).contains("/app/conversations"));
    }

    private static void openWidget(Browser visitor) {
        visitor.driver.switchTo().defaultContent();
        WebElement launcher = visitor.wait.withMessage("the widget's launcher button")
            .until(ExpectedConditions.elementToBeClickable(By.id("confidant-launcher")));
        launcher.click();
        visitor.wait.withMessage("the chat frame")
            .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("confidant-frame")));
        visitor.until("the chat app in the frame", d -> count(d, "#confidant-form") == 1);
    }

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

}
