package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.signin.SecondFactorTestSupport.code;
import static org.confidant.signin.SecondFactorTestSupport.location;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestClock;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.MemberPrincipal;
import org.confidant.realtime.TestSocket;
import org.confidant.shared.AuditAction;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The workspace security page: "2FA required" (a member without a second factor enrols at
 * their next sign-in and sees nothing else until then), and per-workspace session limits,
 * which the sessions of each workspace follow.
 */
@IntegrationTest
@RecordApplicationEvents
class SecurityPolicyIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    MemberSessions sessions;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    SecurityPolicies policies;

    @Autowired
    ApplicationEvents events;

    @Test
    void withTwoFactorRequiredAMemberWithoutOneEnrolsAtSignInBeforeSeeingAnything() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Gil Agent");
        DashboardSession admin = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        assertThat(admin.get("/app/security").body()).contains("two-factor-required");
        assertThat(location(admin.post("/app/security",
                Map.of("twoFactorRequired", "true", "idleMinutes", "30", "lifetimeHours", "12"))))
            .isEqualTo("/app/security?saved");
        assertThat(policies.of(owner.workspaceId()).twoFactorRequired()).isTrue();

        DashboardSession held = DashboardSession.anonymous(port);
        assertThat(held.attemptSignIn(agent.email(), Fixtures.PASSWORD)).isEqualTo(SignInSteps.ENROLMENT_PAGE);
        for (String path : List.of("/app/conversations", "/app/conversations/list", "/app/members",
                "/app/account/two-factor", SignInSteps.SECOND_FACTOR_PAGE)) {
            assertThat(location(held.get(path))).as(path).isEqualTo(SignInSteps.ENROLMENT_PAGE);
        }
        assertThat(AgentSocketRefusal.status(() -> TestSocket.agent(port, held.cookie()))).isEqualTo(302);

        String page = held.get(SignInSteps.ENROLMENT_PAGE).body();
        assertThat(page).contains("data:image/svg+xml;base64,").doesNotContain("<script>");
        byte[] secret = SecondFactorTestSupport.secretOn(page);
        assertThat(SecondFactorTestSupport.secretOn(held.get(SignInSteps.ENROLMENT_PAGE).body()))
            .as("reloading shows the same key")
            .isEqualTo(secret);
        assertThat(held.post(SignInSteps.ENROLMENT_PAGE, Map.of("code", code(secret, 4))).statusCode()).isEqualTo(400);
        HttpResponse<String> enrolled = held.post(SignInSteps.ENROLMENT_PAGE, Map.of("code", code(secret, 0)));
        assertThat(enrolled.statusCode()).isEqualTo(200);
        assertThat(SecondFactorTestSupport.recoveryCodesOn(enrolled.body())).hasSize(10);
        assertThat(held.get("/app/conversations").statusCode()).isEqualTo(200);

        assertThat(DashboardSession.anonymous(port).attemptSignIn(agent.email(), Fixtures.PASSWORD))
            .as("enrolled: the code is asked from now on")
            .isEqualTo(SignInSteps.SECOND_FACTOR_PAGE);
        assertThat(admin.get("/app/conversations").statusCode()).as("sessions of before go on").isEqualTo(200);
    }

    @Test
    void onlyMembersWhoManageSecurityChangeTheirOwnWorkspacesPolicyAndBadValuesChangeNothing() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Hal Agent");
        Member otherOwner = fixtures.workspaceWithOwner();
        SecurityPolicy before = policies.of(owner.workspaceId());

        DashboardSession agentSession = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        agentSession.get("/app/members");
        assertThat(agentSession.get("/app/security").statusCode()).isEqualTo(403);
        assertThat(agentSession
            .post("/app/security", Map.of("twoFactorRequired", "true", "idleMinutes", "30", "lifetimeHours", "12"))
            .statusCode()).isEqualTo(403);

        DashboardSession other = DashboardSession.signIn(port, otherOwner.email(), Fixtures.PASSWORD);
        other.get("/app/security");
        assertThat(location(other.post("/app/security",
                Map.of("twoFactorRequired", "true", "idleMinutes", "45", "lifetimeHours", "8", "workspaceId",
                        owner.workspaceId().toString(), "workspace", owner.workspaceId().toString()))))
            .isEqualTo("/app/security?saved");
        assertThat(policies.of(otherOwner.workspaceId()).twoFactorRequired()).isTrue();
        assertThat(policies.of(owner.workspaceId())).as("the workspace named in the form").isEqualTo(before);

        DashboardSession admin = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        admin.get("/app/security");
        for (Map<String, String> bad : List.of(Map.of("idleMinutes", "4", "lifetimeHours", "12"),
                Map.of("idleMinutes", "30", "lifetimeHours", "0"), Map.of("idleMinutes", "30", "lifetimeHours", "721"),
                Map.of("idleMinutes", "1440", "lifetimeHours", "1"), Map.of("idleMinutes", "abc", "lifetimeHours", "1"),
                Map.of("idleMinutes", "99999999999999", "lifetimeHours", "12"), Map.of("lifetimeHours", "12"),
                Map.of("idleMinutes", "30", "lifetimeHours", "12", "twoFactorRequired", "maybe"))) {
            assertThat(admin.post("/app/security", bad).statusCode()).as(bad.toString()).isEqualTo(400);
        }
        assertThat(policies.of(owner.workspaceId())).isEqualTo(before);
    }

    @Test
    void policyChangesArePublishedOnlyWhenTheyChange() {
        Member owner = fixtures.workspaceWithOwner();
        SecurityPolicy defaults = policies.of(owner.workspaceId());
        assertThat(defaults).isEqualTo(new SecurityPolicy(false, Duration.ofMinutes(30), Duration.ofHours(12)));

        policies.change(owner.workspaceId(), owner.id(), owner.email(), defaults);
        assertThat(events.stream(TwoFactorRequirementChanged.class)).isEmpty();
        assertThat(events.stream(SessionLimitsChanged.class)).isEmpty();

        policies.change(owner.workspaceId(), owner.id(), owner.email(),
                new SecurityPolicy(true, Duration.ofMinutes(10), Duration.ofHours(2)));
        assertThat(events.stream(TwoFactorRequirementChanged.class)).singleElement().satisfies(changed -> {
            assertThat(changed.auditRecord().action()).isEqualTo(AuditAction.POLICY_TWO_FACTOR_REQUIRED_CHANGED);
            assertThat(changed.auditRecord().details()).containsEntry("required", "true");
            assertThat(changed.workspaceId()).isEqualTo(owner.workspaceId());
        });
        assertThat(events.stream(SessionLimitsChanged.class)).singleElement()
            .satisfies(changed -> assertThat(changed.auditRecord().action())
                .isEqualTo(AuditAction.POLICY_SESSION_LIMITS_CHANGED));
    }

    @Test
    void deletingAWorkspaceDeletesItsPolicies() {
        Member owner = fixtures.workspaceWithOwner();
        policies.change(owner.workspaceId(), owner.id(), owner.email(),
                new SecurityPolicy(true, Duration.ofMinutes(10), Duration.ofHours(2)));
        context.getBean(WorkspaceManagement.class).delete(owner.workspaceId());
        assertThat(context.getBean(JdbcClient.class)
            .sql("select count(*) from workspace_security where workspace_id = ?")
            .param(owner.workspaceId().value())
            .query(Long.class)
            .single()).isZero();
    }

    @Test
    void sessionsFollowTheirOwnWorkspacesIdleTimeoutAndLifetime() {
        Member strict = fixtures.workspaceWithOwner();
        Member relaxed = fixtures.workspaceWithOwner();
        policies.change(strict.workspaceId(), strict.id(), strict.email(),
                new SecurityPolicy(false, Duration.ofMinutes(7), Duration.ofHours(1)));
        MockHttpSession strictSession = signIn(sessions, strict);
        MockHttpSession relaxedSession = signIn(sessions, relaxed);
        assertThat(strictSession.getMaxInactiveInterval()).isEqualTo(7 * 60);
        assertThat(relaxedSession.getMaxInactiveInterval()).isEqualTo(30 * 60);

        sessions.on(new SessionLimitsChanged(strict.workspaceId(), strict.id(), strict.email(), Duration.ofMinutes(9),
                Duration.ofHours(1)));
        assertThat(strictSession.getMaxInactiveInterval()).as("open sessions follow at once").isEqualTo(9 * 60);
        assertThat(relaxedSession.getMaxInactiveInterval()).isEqualTo(30 * 60);

        clock.move(Duration.ofMinutes(61));
        sessions.endExpired();
        assertThat(strictSession.isInvalid()).as("past its workspace's 1-hour lifetime").isTrue();
        assertThat(relaxedSession.isInvalid()).as("within the default 12 hours").isFalse();
        sessions.endAll(relaxed.workspaceId(), relaxed.id(), relaxed.id()); // the shared
                                                                            // application
                                                                            // forgets it
    }

    private MockHttpSession signIn(MemberSessions sessions, Member member) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        MockHttpSession session = new MockHttpSession();
        request.setSession(session);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            MemberPrincipal principal = context.getBean(AccountManagement.class)
                .membershipOf(member.accountId(), member.workspaceId())
                .orElseThrow();
            sessions.on(new InteractiveAuthenticationSuccessEvent(
                    UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()),
                    getClass()));
            return session;
        }
        finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

}
