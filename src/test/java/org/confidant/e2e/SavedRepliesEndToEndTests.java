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
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.reply.SavedReplyManagement;
import org.confidant.reply.SavedReplyManagement.Scope;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The reply box's saved-reply picker in a real browser: "/" at the start lists the
 * replies the member may use (the workspace's and their own, not a colleague's), typing
 * narrows the list, the arrow keys move, Escape closes, and Enter inserts the chosen
 * reply with the conversation's variables filled in, without sending anything.
 */
@IntegrationTest
class SavedRepliesEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    Fixtures fixtures;

    @Autowired
    ContactManagement contacts;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    SavedReplyManagement replies;

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
    void slashPicksASavedReplyWithTheKeyboardAndInsertsItFilledInWithoutSending() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = fixtures.liveInbox(owner, "shop.test");
        Member ana = fixtures.agent(owner, "Ana Agent");
        Member cole = fixtures.agent(owner, "Cole League");
        fixtures.joinInbox(owner, inbox.id(), ana, cole);
        Contact visitor = contacts.createVisitor(owner.workspaceId(), inbox.id(), "203.0.113.9");
        contacts.updateDetails(owner.workspaceId(), visitor.id(), owner.id(), "Grace Hopper", "grace@example.com", "");
        ConversationId conversation = conversations
            .postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), "v-1", "Where is my parcel?")
            .message()
            .conversationId();
        replies.add(fixtures.grants(owner), Scope.WORKSPACE, "thanks",
                "Thanks {{contact.name}}!\n{{agent.name}} of {{inbox.name}}");
        replies.add(fixtures.grants(ana), Scope.PERSONAL, "track", "Your parcel is on its way, {{contact.name}}.");
        replies.add(fixtures.grants(cole), Scope.PERSONAL, "tea", "Cole's own.");

        Browser agent = open("agent");
        signIn(agent, ana);
        agent.driver.get(origin() + "/app/conversations/" + conversation);
        agent.until("the thread", d -> count(d, "#messages li[data-seq]") == 1);
        WebElement box = agent.driver.findElement(By.id("reply"));

        box.sendKeys("/t");
        agent.until("the picker", d -> d.findElement(By.id("reply-picker")).isDisplayed());
        assertThat(options(agent)).as("the workspace's and Ana's own, not Cole's")
            .containsExactly("/thanks", "/track (yours)");
        assertThat(selected(agent)).isEqualTo("/thanks");
        box.sendKeys(Keys.ESCAPE);
        agent.until("the picker to close", d -> !d.findElement(By.id("reply-picker")).isDisplayed());
        assertThat(box.getDomProperty("value")).isEqualTo("/t");

        box.sendKeys("r");
        agent.until("the narrowed picker", d -> options(agent).equals(List.of("/track (yours)")));
        box.sendKeys(Keys.BACK_SPACE);
        agent.until("the picker again", d -> options(agent).size() == 2);
        box.sendKeys(Keys.ARROW_DOWN);
        assertThat(selected(agent)).isEqualTo("/track (yours)");
        box.sendKeys(Keys.ARROW_DOWN);
        assertThat(selected(agent)).as("round again").isEqualTo("/thanks");
        box.sendKeys(Keys.ENTER);

        agent.until("the inserted reply", d -> "Thanks Grace Hopper!\nAna Agent of shop.test"
            .equals(d.findElement(By.id("reply")).getDomProperty("value")));
        assertThat(agent.driver.findElement(By.id("reply-picker")).isDisplayed()).isFalse();
        assertThat(count(agent.driver, "#messages li[data-seq]")).as("nothing sent").isEqualTo(1);
        assertThat(conversations.find(owner.workspaceId(), conversation).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(agent.severeConsoleEntries()).as("console errors in the agent's browser").isEmpty();
    }

    private static List<String> options(Browser browser) {
        return browser.driver.findElements(By.cssSelector("#reply-picker li[role=option]"))
            .stream()
            .map(WebElement::getText)
            .toList();
    }

    private static String selected(Browser browser) {
        return browser.driver.findElement(By.cssSelector("#reply-picker li[aria-selected=true]")).getText();
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

    private Browser open(String name) {
        Browser browser = new Browser(name, WAIT);
        browsers.add(browser);
        return browser;
    }

    private static int count(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

}
