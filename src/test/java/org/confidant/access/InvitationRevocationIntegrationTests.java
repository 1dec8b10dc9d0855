package org.confidant.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.TestClock;
import org.confidant.identity.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The members page lists the invitations that still work to those who may invite, with a
 * revoke button; a revoked invitation's link says it is no longer valid and lets nobody
 * in, and the revocation is audited.
 */
@IntegrationTest
class InvitationRevocationIntegrationTests {

    private static final Pattern TOKEN = Pattern.compile("/invite\\?token=([A-Za-z0-9_-]{43})");

    private static final Pattern REVOKE = Pattern.compile("/app/members/invitations/([0-9a-f-]{36})/revoke");

    @Autowired
    Fixtures fixtures;

    @Autowired
    PublishedEvents events;

    @Autowired
    TestClock clock;

    @LocalServerPort
    int port;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anInvitationListedAsPendingIsRevokedAndItsLinkSaysSo() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Nosy Agent");
        DashboardSession admin = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        admin.get("/app/members");
        Matcher link = TOKEN.matcher(admin.post("/app/members/invitations", Map.of("role", "AGENT")).body());
        assertThat(link.find()).isTrue();
        String token = link.group(1);

        String members = admin.get("/app/members").body();
        assertThat(members).contains("id=\"pending-invitations\"")
            .contains("<td>Link</td>")
            .contains(owner.displayName());
        Matcher revoke = REVOKE.matcher(members);
        assertThat(revoke.find()).isTrue();
        UUID invitation = UUID.fromString(revoke.group(1));
        assertThat(DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD).get("/app/members").body())
            .as("only those who may invite see the invitations")
            .doesNotContain("pending-invitations")
            .doesNotContain("/revoke");

        HttpResponse<String> revoked = admin.post("/app/members/invitations/" + invitation + "/revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(revoked.headers().firstValue("Location").orElseThrow()).endsWith("/app/members?revoked");
        assertThat(events.of(InvitationRevoked.class, owner.workspaceId()))
            .containsExactly(new InvitationRevoked(owner.workspaceId(), owner.id(), invitation));
        assertThat(admin.get("/app/members").body()).doesNotContain("pending-invitations");
        assertThat(admin.post("/app/members/invitations/" + invitation + "/revoke", Map.of()).statusCode())
            .as("revoked already")
            .isEqualTo(404);

        DashboardSession invitee = DashboardSession.anonymous(port);
        HttpResponse<String> page = invitee.get("/invite?token=" + token);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("no longer valid").doesNotContain("name=\"password\"");
        invitee.get("/login"); // a CSRF token for the form a stale tab would still hold
        HttpResponse<String> join = invitee.post("/invite", Map.of("token", token, "displayName", "Late Comer", "email",
                "late-" + invitation + "@example.com", "password", Fixtures.PASSWORD));
        assertThat(join.statusCode()).isEqualTo(410);
        assertThat(admin.get("/app/members").body()).doesNotContain("Late Comer");
    }

    @Test
    void acceptedAndExpiredInvitationsAreNotListed() {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession admin = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        admin.get("/app/members");
        Matcher accepted = TOKEN.matcher(admin.post("/app/members/invitations", Map.of("role", "AGENT")).body());
        assertThat(accepted.find()).isTrue();
        DashboardSession invitee = DashboardSession.anonymous(port);
        invitee.get("/invite?token=" + accepted.group(1));
        assertThat(invitee
            .post("/invite",
                    Map.of("token", accepted.group(1), "displayName", "Joined Agent", "email",
                            "joined-" + UUID.randomUUID() + "@example.com", "password", Fixtures.PASSWORD))
            .statusCode()).isEqualTo(302);
        HttpResponse<String> afterJoining = admin.get("/app/members");
        assertThat(afterJoining.body()).contains("Joined Agent").doesNotContain("pending-invitations");

        admin.post("/app/members/invitations", Map.of("role", "AGENT"));
        assertThat(admin.get("/app/members").body()).contains("pending-invitations");
        clock.move(Duration.ofDays(4));
        HttpResponse<String> later = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD)
            .get("/app/members");
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(later.body()).contains(owner.displayName()).doesNotContain("pending-invitations");
    }

}
