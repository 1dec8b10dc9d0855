package org.confidant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.identity.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Passkeys in headless Chromium with a virtual authenticator (CTAP2, internal transport,
 * resident keys, user verification): a member adds a passkey on the two-factor page
 * through {@code static/js/passkeys.js} under the dashboard's CSP, signs out, signs in
 * with it and no password, and then uses it as the second step after the password. The
 * dashboard is opened at {@code localhost}, the relying party id of a local trial; at
 * {@code 127.0.0.1} the pages say why passkeys do not work there.
 */
@IntegrationTest
class PasskeyEndToEndTests {

    @Autowired
    Fixtures fixtures;

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private ChromeDriver browser;

    @BeforeAll
    static void browserIsInstalled() {
        Chromium.requireInstalled();
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            Chromium.quit(browser);
        }
    }

    @Test
    void aMemberAddsAPasskeyThenSignsInWithItAloneAndAsTheSecondStep() {
        Member owner = fixtures.workspaceWithOwner();
        browser = Chromium.launch("--window-size=1280,900");
        VirtualAuthenticator authenticator = browser.addVirtualAuthenticator(
                new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                    .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                    .setHasResidentKey(true)
                    .setHasUserVerification(true)
                    .setIsUserVerified(true)
                    .setIsUserConsenting(true));
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);

        browser.get(app("/login"));
        signInWithPassword(owner);
        wait.until(d -> path(d).equals("/app/conversations"));

        browser.get(app("/app/account/two-factor"));
        wait.until(d -> d.findElement(By.id("passkey-add")).isDisplayed());
        browser.findElement(By.cssSelector("#passkey-add input[name=label]")).sendKeys("Virtual key");
        browser.findElement(By.cssSelector("#passkey-add input[name=current]")).sendKeys(Fixtures.PASSWORD);
        browser.findElement(By.id("add-passkey")).click();
        wait.until(d -> d.getCurrentUrl().contains("passkey_added"));
        assertThat(browser.findElement(By.cssSelector("#passkeys .passkey-label")).getText()).isEqualTo("Virtual key");
        assertThat(authenticator.getCredentials()).singleElement()
            .satisfies(credential -> assertThat(credential.isResidentCredential()).isTrue());

        signOut(wait);
        wait.until(d -> d.findElement(By.id("passkey-sign-in")).isDisplayed());
        browser.findElement(By.id("passkey-sign-in-button")).click();
        wait.until(d -> path(d).equals("/app/conversations"));
        assertThat(browser.findElement(By.cssSelector("a.who")).getText()).isEqualTo(owner.displayName());

        signOut(wait);
        signInWithPassword(owner);
        wait.until(d -> path(d).equals("/login/second-factor"));
        wait.until(d -> d.findElement(By.id("passkey-second-factor")).isDisplayed());
        browser.findElement(By.id("passkey-second-factor-button")).click();
        wait.until(d -> path(d).equals("/app/conversations"));
        browser.get(app("/app/account/two-factor"));
        assertThat(browser.findElement(By.cssSelector("#passkeys tbody td:nth-child(3)")).getText()).as("last used")
            .isNotEqualTo("never");

        List<String> severe = Chromium.severeConsoleEntries(browser);
        assertThat(severe).as("console errors (CSP violations, failed requests, script errors)").isEmpty();

        browser.get("http://127.0.0.1:" + port + "/login");
        assertThat(browser.findElement(By.id("passkey-unavailable")).getText()).contains("IP address")
            .contains("http://localhost:" + port);
        assertThat(browser.findElements(By.id("passkey-sign-in"))).isEmpty();
    }

    private void signInWithPassword(Member member) {
        browser.findElement(By.name("username")).sendKeys(member.email());
        browser.findElement(By.name("password")).sendKeys(Fixtures.PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    }

    private void signOut(WebDriverWait wait) {
        browser.findElement(By.cssSelector("form.signout button")).click();
        wait.until(d -> path(d).equals("/login"));
    }

    private String app(String path) {
        return "http://localhost:" + port + path;
    }

    private static String path(WebDriver driver) {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

}
