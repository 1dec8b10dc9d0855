package org.confidant.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.confidant.access.AccessTestSamples;
import org.confidant.identity.IdentityTestSamples;
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
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * Single sign-on in headless Chromium: the provider on {@code 127.0.0.1}, Confidant on {@code localhost} (another
 * site), so the provider's redirect back is a cross-site navigation in which Chromium withholds the
 * {@code SameSite=Strict} session cookie. The sign-in still completes and the dashboard opens. Chromium and
 * chromedriver come from {@code CONFIDANT_CHROMIUM} and {@code CONFIDANT_CHROMEDRIVER} (defaults
 * {@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}).
 */
@ExtendWith(SystemScope.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "confidant.sso.allow-loopback-http-issuers=true")
class SingleSignOnBrowserTests {

    private static final String CHROMIUM = env("CONFIDANT_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = env("CONFIDANT_CHROMEDRIVER", "/usr/bin/chromedriver");
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
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            fail("No Chromium at " + CHROMIUM + " or chromedriver at " + CHROMEDRIVER
                    + ": install them (apt-get install chromium chromium-driver) or point CONFIDANT_CHROMIUM and "
                    + "CONFIDANT_CHROMEDRIVER at them");
        }
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    static void stop() {
        idp.shutdown();
    }

    @Test
    void aMemberSignsInThroughTheProviderAndLandsOnTheDashboard() throws IOException {
        Member owner = IdentityTestSamples.newWorkspaceWithOwner(context);
        String issuerId = "browser-" + shortId();
        SsoProvider provider = sso.configure(AccessTestSamples.grants(context, owner), new ProviderForm(
                idp.issuerUrl(issuerId).toString(), "confidant-browser", "s3cret-" + shortId(), Role.AGENT));
        String email = "browser-" + shortId() + "@example.com";
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, "browser-" + shortId(), "JWT",
                List.of("confidant-browser"), Map.of("email", email, "email_verified", true, "name", "Browser Person"),
                3600));

        Path profile = Files.createTempDirectory("confidant-sso-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build(), options);
        try {
            driver.get("http://localhost:" + port + provider.signInPath());
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> URI.create(d.getCurrentUrl()).getPath().equals("/app/conversations"));

            assertThat(driver.findElement(By.cssSelector("a.who")).getText()).isEqualTo("Browser Person");
            assertThat(driver.manage().getCookieNamed("confidant_sso")).as("the sign-in cookie is gone").isNull();
            assertThat(jdbc.sql("select count(*) from member m join account a on a.id = m.account_id "
                    + "where a.email = ? and m.workspace_id = ?").params(email, owner.workspaceId().value())
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            driver.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
