package org.confidant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.ConversationStatus;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The keyboard shortcuts in a real browser: "?" opens the accessible list (a modal dialog
 * that keeps the focus, closes on Escape and gives the focus back), j / k move through
 * the list, r goes to the reply box, e resolves, and nothing fires while the member types
 * in a field.
 */
@IntegrationTest
class ShortcutsEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    Fixtures fixtures;

    @Autowired
    ContactManagement contacts;

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
    void theShortcutsWorkFromTheKeyboardAndNeverWhileTyping() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = fixtures.liveInbox(owner, "shop.test");
        ConversationId older = conversationIn(inbox, "Older");
        ConversationId newer = conversationIn(inbox, "Newer");

        Browser agent = new Browser("agent", WAIT);
        browsers.add(agent);
        signIn(agent, owner);
        agent.driver.get(origin() + "/app/conversations/" + newer);
        agent.until("the thread", d -> d.findElements(By.cssSelector("#messages li[data-seq]")).size() == 1);

        // ? opens the list; the focus is in it, stays in it on Tab, and Escape closes it
        agent.driver.findElement(By.id("shortcuts-open")).click();
        agent.until("the dialog", d -> d.findElement(By.id("shortcuts")).isDisplayed());
        assertThat(activeId(agent)).isEqualTo("shortcuts-close");
        assertThat(agent.string("return document.getElementById('shortcuts').matches(':modal') ? 'modal' : ''"))
            .isEqualTo("modal");
        agent.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(activeId(agent)).as("Tab stays in the dialog").isEqualTo("shortcuts-close");
        agent.driver.switchTo().activeElement().sendKeys("j");
        assertThat(agent.driver.getCurrentUrl()).as("no shortcut while the dialog is open").contains(newer.toString());
        agent.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        agent.until("the dialog to close", d -> !d.findElement(By.id("shortcuts")).isDisplayed());
        assertThat(activeId(agent)).as("the focus back where it was").isEqualTo("shortcuts-open");

        agent.script("document.activeElement.blur()");
        body(agent).sendKeys("?");
        agent.until("the dialog on ?", d -> d.findElement(By.id("shortcuts")).isDisplayed());
        agent.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        agent.until("the dialog to close", d -> !d.findElement(By.id("shortcuts")).isDisplayed());

        // j: the next conversation of the list (the older one), k: back
        agent.script("document.activeElement.blur()");
        body(agent).sendKeys("j");
        agent.until("the older conversation",
                d -> Objects.requireNonNull(d.getCurrentUrl()).contains("/app/conversations/" + older));
        agent.until("its thread", d -> d.findElements(By.cssSelector("#messages li[data-seq]")).size() == 1);
        body(agent).sendKeys("k");
        agent.until("the newer conversation again",
                d -> Objects.requireNonNull(d.getCurrentUrl()).contains("/app/conversations/" + newer));
        agent.until("its thread", d -> d.findElements(By.cssSelector("#messages li[data-seq]")).size() == 1);

        // r: the reply box, where letters are letters
        body(agent).sendKeys("r");
        assertThat(activeId(agent)).isEqualTo("reply");
        agent.driver.switchTo().activeElement().sendKeys("ok jk e ?");
        assertThat(agent.driver.findElement(By.id("reply")).getDomProperty("value")).isEqualTo("ok jk e ?");
        assertThat(agent.driver.getCurrentUrl()).contains(newer.toString());
        assertThat(agent.driver.findElement(By.id("shortcuts")).isDisplayed()).isFalse();
        assertThat(status(owner, newer)).isEqualTo(ConversationStatus.OPEN);

        // e: resolve
        agent.script("document.activeElement.blur()");
        body(agent).sendKeys("e");
        agent.until("the resolved conversation", d -> status(owner, newer) == ConversationStatus.RESOLVED);
        assertThat(agent.severeConsoleEntries()).as("console errors in the agent's browser").isEmpty();
    }

    private ConversationStatus status(Member owner, ConversationId id) {
        return conversations.find(owner.workspaceId(), id).orElseThrow().status();
    }

    private ConversationId conversationIn(Inbox inbox, String text) {
        Contact visitor = contacts.createVisitor(inbox.workspaceId(), inbox.id(), "203.0.113.9");
        return conversations.postFromVisitor(inbox.workspaceId(), inbox.id(), visitor.id(), "v-1", text)
            .message()
            .conversationId();
    }

    private static org.openqa.selenium.WebElement body(Browser browser) {
        return browser.driver.findElement(By.tagName("body"));
    }

    private static String activeId(Browser browser) {
        return browser.string("return document.activeElement ? document.activeElement.id : ''");
    }

    private String origin() {
        return "http://127.0.0.1:" + port;
    }

    private void signIn(Browser browser, Member member) {
        browser.driver.get(origin() + "/login");
        browser.driver.findElement(By.name("username")).sendKeys(member.email());
        browser.driver.findElement(By.name("password")).sendKeys(Fixtures.PASSWORD);
        browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.until("the dashboard after signing in",
                d -> Objects.requireNonNull(d.getCurrentUrl()).contains("/app/conversations"));
    }

}
