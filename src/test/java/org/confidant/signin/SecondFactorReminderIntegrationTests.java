package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.signin.SecondFactorTestSupport.location;

import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.identity.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The account menu leads to the two-factor enrolment; a banner asks for a second factor
 * on every dashboard page until the account has one, and "Not now" puts it off for the
 * session only.
 */
@IntegrationTest
class SecondFactorReminderIntegrationTests {

    private static final String BANNER = "id=\"second-factor-reminder\"";

    private static final String MENU = "class=\"two-factor-link\" href=\"/app/account/two-factor\"";

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Test
    void withoutASecondFactorEveryPageAsksForOneUntilPutOffForTheSession() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Reminded Agent");
        DashboardSession browser = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        for (String page : new String[] { "/app/conversations", "/app/members", "/app/account/sessions" }) {
            assertThat(browser.get(page).body()).as(page).contains(BANNER).contains(MENU);
        }

        assertThat(location(browser.post("/app/account/two-factor/reminder", Map.of())))
            .isEqualTo("/app/conversations");
        assertThat(browser.get("/app/conversations").body()).as("put off for this session")
            .doesNotContain(BANNER)
            .contains(MENU);
        assertThat(browser.get("/app/members").body()).doesNotContain(BANNER);

        DashboardSession later = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        assertThat(later.get("/app/conversations").body()).as("a new session asks again").contains(BANNER);
    }

    @Test
    void onceEnrolledTheBannerIsGone() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        assertThat(browser.get("/app/conversations").body()).contains(BANNER);

        SecondFactorTestSupport.enrol(browser);

        assertThat(browser.get("/app/conversations").body()).doesNotContain(BANNER).contains(MENU);
        assertThat(browser.get("/app/members").body()).doesNotContain(BANNER);
    }

}
