package org.confidant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A newcomer's first steps in a real browser: on a new inbox's install page the button
 * that allows the server's own origin for the demo comes before the warning that the
 * widget starts nowhere; the copy buttons put exactly the embed snippet and the
 * invitation link on the clipboard.
 */
@IntegrationTest
class OnboardingEndToEndTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    InboxManagement inboxes;

    @LocalServerPort
    int port;

    private Browser browser;

    @BeforeAll
    static void browserIsInstalled() {
        Chromium.requireInstalled();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theDemoButtonComesBeforeTheWarningAndCopyButtonsCopyTheSnippetAndTheInvitationLink() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = inboxes.create(fixtures.grants(owner), "acme.test");
        browser = new Browser("owner", Duration.ofSeconds(15));
        browser.driver.executeCdpCommand("Browser.grantPermissions",
                Map.of("origin", origin(), "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        browser.driver.get(origin() + "/login");
        browser.driver.findElement(By.name("username")).sendKeys(owner.email());
        browser.driver.findElement(By.name("password")).sendKeys(Fixtures.PASSWORD);
        browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.until("the dashboard", d -> Objects.requireNonNull(d.getCurrentUrl()).contains("/app/conversations"));

        browser.driver.get(origin() + "/app/inboxes/" + inbox.id() + "/install");
        assertThat(browser.script("""
                const button = document.querySelector('#allow-server button');
                const warning = document.getElementById('not-live');
                return Boolean(button.compareDocumentPosition(warning) & Node.DOCUMENT_POSITION_FOLLOWING);
                """)).as("the demo button before the warning").isEqualTo(true);

        browser.driver.findElement(By.cssSelector("button[data-copy='embed-snippet']")).click();
        browser.until("the button to say it copied",
                d -> d.findElement(By.cssSelector("button[data-copy='embed-snippet']")).getText().equals("Copied"));
        String snippet = browser.string("return document.getElementById('embed-snippet').value");
        assertThat(snippet).contains("integrity=");
        assertThat(clipboard()).isEqualTo(snippet);

        browser.driver.get(origin() + "/app/members");
        browser.driver.findElement(By.cssSelector("form[action$='/app/members/invitations'] button")).click();
        browser.until("the invitation link", d -> !d.findElements(By.id("invitation-link")).isEmpty());
        browser.driver.findElement(By.cssSelector("button[data-copy='invitation-link']")).click();
        browser.until("the button to say it copied",
                d -> d.findElement(By.cssSelector("button[data-copy='invitation-link']")).getText().equals("Copied"));
        String link = browser.string("return document.getElementById('invitation-link').value");
        assertThat(link).contains("/invite?token=");
        assertThat(clipboard()).isEqualTo(link);
        assertThat(browser.severeConsoleEntries()).isEmpty();
    }

    private String clipboard() {
        return (String) browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
    }

    private String origin() {
        return "http://127.0.0.1:" + port;
    }

}
