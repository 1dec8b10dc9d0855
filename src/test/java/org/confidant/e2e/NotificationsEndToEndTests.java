package org.confidant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
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
 * Notifications in a real browser: the dashboard asks for the permission only on a click,
 * never on load; once the browser grants it (through the DevTools protocol, as a person
 * would by clicking "Allow"), a visitor's new conversation shows a desktop notification
 * naming the contact and the inbox and not the message's text, counts in the tab's title
 * and badges its icon; after the member turns previews on, the next message's
 * notification carries its text. Notifications are captured by wrapping
 * {@code window.Notification} before any of the page's scripts run.
 */
@IntegrationTest
class NotificationsEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /**
     * Records every notification made and every permission asked (and asks the browser),
     * and whether the dashboard's socket has been welcomed.
     */
    private static final String CAPTURE = """
            (() => {
              const Real = window.Notification;
              window.__notifications = [];
              window.__asked = 0;
              class Captured extends EventTarget {
                constructor(title, options) {
                  super();
                  window.__notifications.push({ title, body: options && options.body, tag: options && options.tag });
                }
                static get permission() { return Real.permission; }
                static requestPermission() { window.__asked += 1; return Real.requestPermission(); }
              }
              window.Notification = Captured;
              const RealSocket = window.WebSocket;
              window.__welcomed = false;
              window.WebSocket = class extends RealSocket {
                constructor(...args) {
                  super(...args);
                  this.addEventListener('message', (e) => {
                    if (String(e.data).includes('"type":"welcome"')) window.__welcomed = true;
                  });
                }
              };
            })();
            """;

    @Autowired
    Fixtures fixtures;

    @Autowired
    InboxManagement inboxes;

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
    void aVisitorsMessageNotifiesWithoutItsTextUntilTheMemberTurnsPreviewsOn() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = inboxes.create(fixtures.grants(owner), "Acme shop");
        inboxes.setAllowedDomains(fixtures.grants(owner), inbox.id(), origin());
        Member ana = fixtures.agent(owner, "Ana Agent");
        fixtures.joinInbox(owner, inbox.id(), ana);

        Browser agent = open("agent");
        agent.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CAPTURE));
        signIn(agent, ana);

        // not asked on load; the top bar offers to ask, and asks on a click
        agent.until("the permission button",
                d -> d.findElement(By.cssSelector("header .notify-permission")).isDisplayed());
        assertThat(agent.script("return window.__asked")).as("permission asked on load").isEqualTo(0L);
        agent.driver.findElement(By.cssSelector("header .notify-permission")).click();
        agent.until("the permission to be asked", d -> Long.valueOf(1).equals(agent.script("return window.__asked")));

        // the browser grants it: the page no longer offers to ask
        agent.driver.executeCdpCommand("Browser.grantPermissions",
                Map.of("origin", origin(), "permissions", List.of("notifications")));
        agent.driver.navigate().refresh();
        agent.until("the conversations page", d -> count(d, "header.topbar") == 1);
        assertThat(agent.script("return Notification.permission")).isEqualTo("granted");
        assertThat(agent.driver.findElement(By.cssSelector("header .notify-permission")).isDisplayed()).isFalse();
        agent.script("window.__ready = 1");
        welcomed(agent);

        Browser visitor = open("visitor");
        visitor.driver.get(origin() + "/demo/" + inbox.id());
        openWidget(visitor);
        visitor.until("the widget to connect", d -> text(d, "#confidant-status").isEmpty());
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("SECRET-TEXT where is my parcel?", Keys.ENTER);

        agent.until("a desktop notification",
                d -> ((Number) agent.script("return window.__notifications.length")).intValue() == 1);
        Map<?, ?> first = (Map<?, ?>) agent.script("return window.__notifications[0]");
        assertThat((String) first.get("title")).endsWith(" · Acme shop");
        assertThat(first.get("body")).isEqualTo("New conversation");
        assertThat(first.toString()).doesNotContain("SECRET-TEXT");
        assertThat(agent.driver.getTitle()).startsWith("(1) ");
        assertThat(agent.string("return document.querySelector('link[rel=icon]').getAttribute('href')"))
            .startsWith("data:image/png");
        assertThat(agent.script("return window.__ready")).as("no reload").isEqualTo(1L);

        // previews on (and every message of the inbox), on the account page
        agent.driver.get(origin() + "/app/account/notifications");
        agent.driver.findElement(By.name("previews")).click();
        agent.driver.findElement(By.name("inboxMessages")).click();
        agent.driver.findElement(By.id("save-notifications")).click();
        agent.until("the saved preferences", d -> count(d, "p.notice") == 1);
        agent.driver.get(origin() + "/app/conversations");
        agent.until("the conversations page", d -> count(d, "header.topbar") == 1);
        welcomed(agent);

        visitor.driver.findElement(By.id("confidant-input")).sendKeys("SECRET-TEXT it is late", Keys.ENTER);
        agent.until("a notification with the text",
                d -> ((Number) agent.script("return window.__notifications.length")).intValue() == 1);
        Map<?, ?> second = (Map<?, ?>) agent.script("return window.__notifications[0]");
        assertThat(second.get("body")).isEqualTo("SECRET-TEXT it is late");

        assertThat(agent.severeConsoleEntries()).as("console errors in the agent's browser").isEmpty();
    }

    private static void welcomed(Browser agent) {
        agent.until("the dashboard's socket", d -> Boolean.TRUE.equals(agent.script("return window.__welcomed")));
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

}
