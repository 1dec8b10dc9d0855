package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.identity.Member;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * One person in two workspaces switches between them, as the member each one knows; never
 * into a third.
 */
@IntegrationTest
class WorkspaceSwitchIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    WorkspaceManagement workspaces;

    @Test
    void aPersonInTwoWorkspacesSwitchesToTheOtherAsThatMembershipUnderANewSessionId() {
        Member ada = fixtures.workspaceWithOwner();
        Member bOwner = fixtures.workspaceWithOwner();
        Member bColleague = fixtures.agent(bOwner, "Bea Colleague");
        Member adaInB = fixtures.joinAsAgent(ada, bOwner);
        String nameOfB = workspaces.find(bOwner.workspaceId()).orElseThrow().name();
        Member stranger = fixtures.workspaceWithOwner();

        DashboardSession browser = DashboardSession.signIn(port, ada.email(), Fixtures.PASSWORD);
        String members = browser.get("/app/members").body();
        assertThat(members).as("signed in to the first membership")
            .doesNotContain("Bea Colleague")
            .contains("/app/workspaces/" + bOwner.workspaceId() + "/switch", nameOfB);

        String before = browser.cookie();
        assertThat(browser.post("/app/workspaces/" + bOwner.workspaceId() + "/switch", Map.of())
            .headers()
            .firstValue("Location")
            .orElseThrow()).endsWith("/app/conversations");
        assertThat(browser.cookie()).as("a new session id").isNotEqualTo(before);
        assertThat(browser.get("/app/members").body()).contains("Bea Colleague");
        assertThat(browser.get("/app/members/" + bColleague.id()).statusCode()).isEqualTo(200);
        assertThat(browser.get("/app/inboxes").statusCode()).as("an agent in B, not the owner of A").isEqualTo(403);
        assertThat(browser.get("/app/account/sessions").body()).as("the session follows the switch")
            .contains("This session");
        assertThat(adaInB.workspaceId()).isEqualTo(bOwner.workspaceId());

        assertThat(browser.post("/app/workspaces/" + stranger.workspaceId() + "/switch", Map.of()).statusCode())
            .as("a workspace the account is not in")
            .isEqualTo(404);
        assertThat(browser.get("/app/members").body()).as("still in B").contains("Bea Colleague");

        assertThat(browser.post("/app/workspaces/" + ada.workspaceId() + "/switch", Map.of()).statusCode())
            .isEqualTo(302);
        assertThat(browser.get("/app/inboxes").statusCode()).as("the owner of A again").isEqualTo(200);
    }

}
