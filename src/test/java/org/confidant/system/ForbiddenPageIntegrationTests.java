package org.confidant.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.identity.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A refusal in the browser keeps the dashboard's top bar, so the member can go elsewhere;
 * a script or an API client still gets the problem body.
 */
@IntegrationTest
class ForbiddenPageIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Test
    void anAgentOpeningAnAdminPageSeesTheTopBarAndAWayBack() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Ida Agent");
        DashboardSession browser = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);

        HttpResponse<String> page = browser.getAccepting("/app/security",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("class=\"topbar\"")
            .contains("aria-label=\"Main\"")
            .contains("Ida Agent")
            .contains("href=\"/app/members\"")
            .as("only the sections the agent may open")
            .doesNotContain("href=\"/app/security\"")
            .contains("Sign out")
            .contains("Back to conversations")
            .doesNotContain("\"status\"");

        HttpResponse<String> problem = browser.getAccepting("/app/security", "application/json");
        assertThat(problem.statusCode()).isEqualTo(403);
        assertThat(problem.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(problem.body()).contains("\"status\":403").doesNotContain("topbar");
    }

}
