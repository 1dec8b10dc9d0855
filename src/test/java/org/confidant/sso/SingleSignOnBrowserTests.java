package org.confidant.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.confidant.e2e.Chromium;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.sso.SsoManagement.ProviderForm;
import org.confidant.tenancy.SystemScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;

/**
 * Single sign-on in headless Chromium: the provider on {@code 127.0.0.1}, Confidant on
 * {@code localhost} (another site), so the provider's redirect back is a cross-site
 * navigation in which Chromium withholds the {@code SameSite=Strict} session cookie. The
 * sign-in still completes and the dashboard opens (Chromium as {@link Chromium} launches
 * it).
 */
@ExtendWith(SystemScope.class)
@IntegrationTest(profiles = "sso")
class SingleSignOnBrowserTests {

    @Autowired
    Fixtures fixtures;

    private static final MockOAuth2Server idp = new MockOAuth2Server();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    SsoManagement sso;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    static void stop() {
        idp.shutdown();
    }

    @Test
    void aMemberSignsInThroughTheProviderAndLandsOnTheDashboard() {
        Member owner = fixtures.workspaceWithOwner();
        String issuerId = "browser-" + shortId();
        SsoProvider provider = sso.configure(fixtures.grants(owner), new ProviderForm(
                idp.issuerUrl(issuerId).toString(), "confidant-browser", "s3cret-" + shortId(), Role.AGENT));
        String email = "browser-" + shortId() + "@example.com";
        idp.enqueueCallback(
                new DefaultOAuth2TokenCallback(issuerId, "browser-" + shortId(), "JWT", List.of("confidant-browser"),
                        Map.of("email", email, "email_verified", true, "name", "Browser Person"), 3600));

        ChromeDriver driver = Chromium.launch();
        try {
            driver.get("http://localhost:" + port + provider.signInPath());
            new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> URI.create(d.getCurrentUrl()).getPath().equals("/app/conversations"));

            assertThat(driver.findElement(By.cssSelector("a.who")).getText()).isEqualTo("Browser Person");
            assertThat(driver.manage().getCookieNamed("confidant_sso")).as("the sign-in cookie is gone").isNull();
            assertThat(jdbc
                .sql("select count(*) from member m join account a on a.id = m.account_id "
                        + "where a.email = ? and m.workspace_id = ?")
                .params(email, owner.workspaceId().value())
                .query(Long.class)
                .single()).isEqualTo(1);
        }
        finally {
            Chromium.quit(driver);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

}
