package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestClock;
import org.confidant.access.AccessManagement;
import org.confidant.identity.Member;
import org.confidant.privacy.PrivacyManagement;
import org.confidant.realtime.TestSocket;
import org.confidant.shared.Forbidden;
import org.confidant.workspace.IpMode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Dashboard sessions: a member sees theirs and signs the others out, an admin signs a
 * member out everywhere, and whatever ends a session (those, signing out, its lifetime)
 * closes the sockets opened under it and no others.
 */
@IntegrationTest
class SessionsIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);

    /**
     * The close code a socket gets when the session it was opened under ends (policy
     * violation, from Tomcat).
     */
    private static final int SESSION_ENDED = 1008;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccessManagement access;

    @Test
    void aMemberSeesTheirSessionsAndSigningOutTheOthersClosesTheirSockets() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        // whole addresses, so that the page tells the two sessions apart
        context.getBean(PrivacyManagement.class).setIpMode(fixtures.grants(owner), IpMode.FULL);
        DashboardSession laptop = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        DashboardSession phone = DashboardSession.anonymousFrom(port, "127.0.0.31");
        assertThat(phone.attemptSignIn(owner.email(), Fixtures.PASSWORD)).startsWith("/app/conversations");

        try (TestSocket laptopSocket = agentSocket(laptop); TestSocket phoneSocket = agentSocket(phone)) {
            String page = laptop.get("/app/account/sessions").body();
            assertThat(page).contains("This session", "127.0.0.31", "127.0.0.1").contains("sign-out-others");

            assertThat(laptop.post("/app/account/sessions/sign-out-others", Map.of())
                .headers()
                .firstValue("Location")
                .orElseThrow()).endsWith("/app/account/sessions?ended=1");
            assertThat(phoneSocket.awaitCloseCode(CLOSE_WITHIN)).isEqualTo(SESSION_ENDED);
            assertThat(phone.get("/app/conversations").statusCode()).as("the phone is signed out").isEqualTo(302);

            assertThat(laptop.get("/app/conversations").statusCode()).as("this session goes on").isEqualTo(200);
            assertThat(laptopSocket.isClosed()).isFalse();
            assertThat(laptop.get("/app/account/sessions").body()).doesNotContain("127.0.0.31");
        }
    }

    @Test
    void theSessionsPageShowsOnlyWhatTheWorkspacesIpModeKeeps() {
        Member owner = fixtures.workspaceWithOwner();
        PrivacyManagement privacy = context.getBean(PrivacyManagement.class);
        // the default: the network only
        DashboardSession laptop = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        DashboardSession phone = DashboardSession.anonymousFrom(port, "127.0.0.31");
        assertThat(phone.attemptSignIn(owner.email(), Fixtures.PASSWORD)).startsWith("/app/conversations");
        assertThat(laptop.get("/app/account/sessions").body()).contains("<td>127.0.0.0/24</td>")
            .doesNotContain(">127.0.0.31<", ">127.0.0.1<");

        privacy.setIpMode(fixtures.grants(owner), IpMode.NONE);
        assertThat(laptop.get("/app/account/sessions").body()).contains("<td>not kept</td>").doesNotContain("127.0.0.");

        // a session from before keeps what was kept then; a new one keeps all
        privacy.setIpMode(fixtures.grants(owner), IpMode.FULL);
        DashboardSession tablet = DashboardSession.anonymousFrom(port, "127.0.0.32");
        assertThat(tablet.attemptSignIn(owner.email(), Fixtures.PASSWORD)).startsWith("/app/conversations");
        assertThat(laptop.get("/app/account/sessions").body()).contains("<td>127.0.0.32</td>", "<td>127.0.0.0/24</td>")
            .doesNotContain(">127.0.0.31<", ">127.0.0.1<");
        assertThat(context.getBean(MemberSessions.class).sessionsOf(owner.workspaceId(), owner.id(), null))
            .extracting(MemberSessions.SignedInSession::address)
            .containsExactlyInAnyOrder("127.0.0.32", "127.0.0.0/24", "127.0.0.0/24");
    }

    @Test
    void signingOutClosesThatSessionsSocketsOnly() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession first = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        DashboardSession second = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        try (TestSocket firstSocket = agentSocket(first); TestSocket secondSocket = agentSocket(second)) {
            first.get("/app/conversations");
            assertThat(first.post("/logout", Map.of()).headers().firstValue("Location").orElseThrow())
                .endsWith("/login?signedout");

            assertThat(firstSocket.awaitCloseCode(CLOSE_WITHIN)).isEqualTo(SESSION_ENDED);
            assertThat(secondSocket.isClosed()).isFalse();
            assertThat(second.get("/app/conversations").statusCode()).isEqualTo(200);
        }
        // what a socket opened under a session that ended meanwhile asks once registered
        // (AgentGateway)
        MemberSessions sessions = context.getBean(MemberSessions.class);
        assertThat(sessions.isLive(sessionId(second))).isTrue();
        assertThat(sessions.isLive(sessionId(first))).as("signed out").isFalse();
        assertThat(sessions.isLive("not-a-session")).isFalse();
        assertThat(sessions.isLive(null)).isFalse();
    }

    private static String sessionId(DashboardSession session) {
        return session.cookie().substring(session.cookie().indexOf('=') + 1);
    }

    @Test
    void anAdminSignsAMemberOutEverywhereAndAnAgentCannot() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Eve Agent");
        Member colleague = fixtures.agent(owner, "Fay Agent");
        DashboardSession one = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        DashboardSession two = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);

        assertThatThrownBy(() -> access.endSessions(fixtures.grants(colleague), agent.id()))
            .isInstanceOf(Forbidden.class);
        try (TestSocket socketOne = agentSocket(one); TestSocket socketTwo = agentSocket(two)) {
            DashboardSession admin = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
            admin.get("/app/members/" + agent.id());
            assertThat(admin.post("/app/members/" + agent.id() + "/sessions", Map.of())
                .headers()
                .firstValue("Location")
                .orElseThrow()).endsWith("/app/members/" + agent.id() + "?sessionsEnded=2");

            assertThat(socketOne.awaitCloseCode(CLOSE_WITHIN)).isEqualTo(SESSION_ENDED);
            assertThat(socketTwo.awaitCloseCode(CLOSE_WITHIN)).isEqualTo(SESSION_ENDED);
            assertThat(one.get("/app/conversations").statusCode()).isEqualTo(302);
            assertThat(two.get("/app/conversations").statusCode()).isEqualTo(302);
            assertThat(admin.get("/app/conversations").statusCode()).as("the admin's own session").isEqualTo(200);
        }
    }

    @Test
    void aSessionEndsItsLifetimeAfterSigningInHoweverActiveAndItsSocketsClose() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession busy = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        try (TestSocket socket = agentSocket(busy)) {
            assertThat(busy.get("/app/conversations").statusCode()).isEqualTo(200);
            clock.move(Duration.ofHours(12).minusMinutes(1));
            assertThat(busy.get("/app/conversations").statusCode()).as("active, within the lifetime").isEqualTo(200);
            clock.move(Duration.ofMinutes(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int status = 200;
            while (status == 200 && System.nanoTime() < deadline) {
                Thread.sleep(250); // active all along: a request every quarter of a
                                   // second until the sweeper comes
                status = busy.get("/app/conversations").statusCode();
            }
            assertThat(status).as("signed out at the 12-hour lifetime, however active").isEqualTo(302);
            assertThat(socket.awaitCloseCode(CLOSE_WITHIN)).isEqualTo(SESSION_ENDED);
        }
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndSignsOutTheAccountsOtherSessions() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        DashboardSession here = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        DashboardSession there = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        String newPassword = "a fresh and long passphrase";
        try (TestSocket thereSocket = agentSocket(there)) {
            here.get("/app/account/password");
            HttpResponse<String> wrong = here.post("/app/account/password",
                    Map.of("current", "not my password at all", "password", newPassword));
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("not your current password");
            HttpResponse<String> weak = here.post("/app/account/password",
                    Map.of("current", Fixtures.PASSWORD, "password", "too short"));
            assertThat(weak.statusCode()).isEqualTo(400);
            assertThat(thereSocket.isClosed()).as("nothing changed yet").isFalse();

            assertThat(here.post("/app/account/password", Map.of("current", Fixtures.PASSWORD, "password", newPassword))
                .headers()
                .firstValue("Location")
                .orElseThrow()).endsWith("/app/account/password?changed&ended=1");
            assertThat(thereSocket.awaitCloseCode(CLOSE_WITHIN)).isEqualTo(SESSION_ENDED);
            assertThat(there.get("/app/conversations").statusCode()).isEqualTo(302);
            assertThat(here.get("/app/conversations").statusCode()).as("the session that changed it").isEqualTo(200);
        }
        DashboardSession later = DashboardSession.anonymousFrom(port, "127.0.0.32");
        assertThat(later.attemptSignIn(owner.email(), Fixtures.PASSWORD)).isEqualTo("/login?error");
        assertThat(later.attemptSignIn(owner.email(), newPassword)).startsWith("/app/conversations");
    }

    private TestSocket agentSocket(DashboardSession session) {
        TestSocket socket = TestSocket.agent(port, session.cookie());
        assertThat(socket.next().path("type").asString()).isEqualTo("welcome");
        return socket;
    }

}
