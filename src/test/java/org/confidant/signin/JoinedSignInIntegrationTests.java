package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.tenancy.Tenancy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Accepting an invitation signs the invitee in, as a password sign-in on the sign-in page
 * would: a new session id, the session recorded, {@code sign_in.succeeded} audited, and
 * first the second factor the account has, or under a "2FA required" policy the
 * enrolment. (Setting up signs the owner in the same way:
 * {@code SetupAndRestartIntegrationTests}.)
 */
@IntegrationTest
class JoinedSignInIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    AccountManagement accounts;

    @Autowired
    SecurityPolicies policies;

    @Autowired
    MemberSessions sessions;

    @Autowired
    PublishedEvents events;

    @LocalServerPort
    int port;

    @Test
    void acceptingAnInvitationEndsSignedInWithoutTypingThePasswordAgain() {
        Member owner = fixtures.workspaceWithOwner();
        String token = Tenancy.run(owner.workspaceId(),
                () -> accounts.invite(owner.workspaceId(), owner.id(), Role.AGENT).token());
        DashboardSession invitee = DashboardSession.anonymous(port);
        invitee.get("/invite?token=" + token);
        String before = invitee.cookie();
        String email = "joiner-" + token.substring(0, 8).toLowerCase() + "@example.com";

        HttpResponse<String> joined = invitee.post("/invite",
                Map.of("token", token, "displayName", "Jo Joiner", "email", email, "password", Fixtures.PASSWORD));
        assertThat(joined.statusCode()).isEqualTo(302);
        assertThat(joined.headers().firstValue("Location").orElseThrow()).endsWith(SignInSteps.DASHBOARD);
        assertThat(invitee.cookie()).as("a new session id against fixation").isNotEqualTo(before);
        HttpResponse<String> dashboard = invitee.get("/app/conversations");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Jo Joiner");
        assertThat(DashboardSession.withCookie(port, before).get("/app/conversations").statusCode())
            .as("the id from before opens nothing")
            .isEqualTo(302);

        Member member = Tenancy.system("the test finds the new member by email",
                () -> accounts.landingByEmail(email, m -> true).orElseThrow().member());
        assertThat(events.of(SignedIn.class, owner.workspaceId()))
            .containsExactly(new SignedIn(owner.workspaceId(), member.id(), "password"));
        assertThat(sessions.sessionsOf(owner.workspaceId(), member.id(), "")).as("recorded like any sign-in")
            .hasSize(1);
    }

    @Test
    void underA2faRequiredPolicyTheInviteeLandsOnTheEnrolment() {
        Member owner = fixtures.workspaceWithOwner();
        policies.change(owner.workspaceId(), owner.id(), owner.email(),
                new SecurityPolicy(true, Duration.ofMinutes(30), Duration.ofHours(12)));
        String token = Tenancy.run(owner.workspaceId(),
                () -> accounts.invite(owner.workspaceId(), owner.id(), Role.AGENT).token());
        DashboardSession invitee = DashboardSession.anonymous(port);
        invitee.get("/invite?token=" + token);
        String email = "enrolling-" + token.substring(0, 8).toLowerCase() + "@example.com";

        HttpResponse<String> joined = invitee.post("/invite",
                Map.of("token", token, "displayName", "En Rolling", "email", email, "password", Fixtures.PASSWORD));
        assertThat(joined.headers().firstValue("Location").orElseThrow()).endsWith(SignInSteps.ENROLMENT_PAGE);
        HttpResponse<String> dashboard = invitee.get("/app/conversations");
        assertThat(dashboard.statusCode()).as("held at the enrolment").isEqualTo(302);
        assertThat(dashboard.headers().firstValue("Location").orElseThrow()).endsWith(SignInSteps.ENROLMENT_PAGE);
        assertThat(invitee.get(SignInSteps.ENROLMENT_PAGE).statusCode()).isEqualTo(200);
        Member member = Tenancy.system("the test finds the new member by email",
                () -> accounts.landingByEmail(email, m -> true).orElseThrow().member());
        assertThat(events.of(SignedIn.class, owner.workspaceId()))
            .containsExactly(new SignedIn(owner.workspaceId(), member.id(), "password"));
    }

    @Test
    void anAccountWithASecondFactorJoiningWithItsPasswordOwesTheSecondFactor() {
        Member elsewhere = fixtures.workspaceWithOwner();
        SecondFactorTestSupport.enrol(DashboardSession.signIn(port, elsewhere.email(), Fixtures.PASSWORD));
        Member owner = fixtures.workspaceWithOwner();
        String token = Tenancy.run(owner.workspaceId(),
                () -> accounts.invite(owner.workspaceId(), owner.id(), Role.AGENT).token());
        DashboardSession invitee = DashboardSession.anonymous(port);
        invitee.get("/invite?token=" + token);

        HttpResponse<String> joined = invitee.post("/invite", Map.of("token", token, "displayName", "Ignored", "email",
                elsewhere.email(), "password", Fixtures.PASSWORD));
        assertThat(joined.headers().firstValue("Location").orElseThrow()).as("the password alone is not enough")
            .endsWith(SignInSteps.SECOND_FACTOR_PAGE);
        HttpResponse<String> dashboard = invitee.get("/app/conversations");
        assertThat(dashboard.statusCode()).isEqualTo(302);
        assertThat(dashboard.headers().firstValue("Location").orElseThrow()).endsWith(SignInSteps.SECOND_FACTOR_PAGE);
    }

    @Test
    void aBrowserSignedInToAnotherWorkspaceJoinsAndIsSignedInToTheNewOne() {
        Member elsewhere = fixtures.workspaceWithOwner();
        DashboardSession browser = DashboardSession.signIn(port, elsewhere.email(), Fixtures.PASSWORD);
        Member owner = fixtures.workspaceWithOwner();
        String token = Tenancy.run(owner.workspaceId(),
                () -> accounts.invite(owner.workspaceId(), owner.id(), Role.AGENT).token());
        browser.get("/invite?token=" + token);

        HttpResponse<String> joined = browser.post("/invite", Map.of("token", token, "displayName", "Ignored", "email",
                elsewhere.email(), "password", Fixtures.PASSWORD));
        assertThat(joined.headers().firstValue("Location").orElseThrow()).endsWith(SignInSteps.DASHBOARD);
        assertThat(browser.get("/app/members").body()).as("now in the workspace joined").contains(owner.email());
        Member member = Tenancy.run(owner.workspaceId(), () -> accounts.listMembers(owner.workspaceId()))
            .stream()
            .filter(m -> m.accountId().equals(elsewhere.accountId()))
            .findFirst()
            .orElseThrow();
        assertThat(events.of(SignedIn.class, owner.workspaceId()))
            .containsExactly(new SignedIn(owner.workspaceId(), member.id(), "password"));
    }

}
