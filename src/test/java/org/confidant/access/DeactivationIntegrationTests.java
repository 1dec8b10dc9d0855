package org.confidant.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.api.ApiTestClient;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.AccountManagement.NewAccount;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.inbox.Inbox;
import org.confidant.realtime.TestSocket;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.confidant.signin.MemberSessions;
import org.confidant.tenancy.SystemScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deactivating a member: a pause of the membership that takes effect everywhere at once
 * (sessions, sockets, API tokens, every way of signing in) and that reactivation undoes
 * without losing the member's settings.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest
class DeactivationIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccessManagement access;

    @Autowired
    AccountManagement accounts;

    @Autowired
    MemberSessions sessions;

    @Autowired
    JdbcClient jdbc;

    Member owner;

    Inbox inbox;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        inbox = fixtures.liveInbox(owner, "deactivation.example");
    }

    @Test
    void deactivatingEndsSessionsSocketsAndTokensAtOnceAndRefusesEveryWayBackIn() throws Exception {
        Member agent = fixtures.agent(owner, "Dee Activated");
        fixtures.joinInbox(owner, inbox.id(), agent);
        DashboardSession browser = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        access.setOverride(grants(owner), agent.id(), Permission.API_TOKENS_CREATE, true);
        String apiToken = fixtures.apiToken(agent, Permission.CONVERSATIONS_REPLY).text();
        ApiTestClient api = new ApiTestClient(port, apiToken);
        assertThat(api.get("/api/v1/conversations").statusCode()).isEqualTo(200);

        DashboardSession admin = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        admin.get("/app/members/" + agent.id());
        try (TestSocket socket = TestSocket.agent(port, browser.cookie())) {
            assertThat(socket.next().path("type").asString()).isEqualTo("welcome");
            assertThat(admin.post("/app/members/" + agent.id() + "/deactivate", Map.of()).statusCode()).isEqualTo(302);
            assertThat(socket.awaitCloseCode(Duration.ofSeconds(5))).as("the open dashboard socket").isEqualTo(4403);
        }

        assertThat(sessions.sessionsOf(agent.workspaceId(), agent.id(), null)).as("sessions left").isEmpty();
        assertThat(browser.get("/app/conversations").statusCode()).as("the old session").isEqualTo(302);
        assertThat(api.get("/api/v1/conversations").statusCode()).as("the API token").isEqualTo(401);
        assertThat(access.grants(agent.workspaceId(), agent.id())).isEmpty();

        String deactivatedAnswer = DashboardSession.anonymous(port).attemptSignIn(agent.email(), Fixtures.PASSWORD);
        String wrongPasswordAnswer = DashboardSession.anonymous(port)
            .attemptSignIn(owner.email(), "not the password of anyone");
        assertThat(deactivatedAnswer).as("a deactivated member's right password reads as a wrong one")
            .isEqualTo(wrongPasswordAnswer)
            .contains("error");

        assertThat(accounts.joinJustInTime(agent.accountId(), agent.workspaceId(), Role.AGENT))
            .as("single sign-on does not reopen it")
            .isEmpty();
        String invitation = access.invite(grants(owner), Role.ADMIN);
        assertThatThrownBy(() -> accounts.acceptInvitation(invitation,
                new NewAccount(agent.displayName(), agent.email(), Fixtures.PASSWORD)))
            .as("an invitation does not reopen it")
            .isInstanceOf(Rejected.class);

        assertThat(admin.get("/app/members").body()).contains("Dee Activated").contains("Deactivated");
        assertThat(actions(owner.workspaceId())).contains("member.deactivated", "session.revoked");
        assertThat(jdbc.sql("select details from audit_entry where workspace_id = ? and action = 'api_token.revoked'")
            .param(owner.workspaceId().value())
            .query(String.class)
            .list()).singleElement().asString().contains("member_deactivated");
    }

    @Test
    void reactivatingGivesBackTheRoleOverridesScopeAndInboxesButNotTheTokens() {
        Member agent = fixtures.agent(owner, "Rea Ctivated");
        fixtures.joinInbox(owner, inbox.id(), agent);
        access.setOverride(grants(owner), agent.id(), Permission.CONTACTS_EDIT, false);
        access.setScope(grants(owner), agent.id(), ConversationScope.ASSIGNED);
        access.setOverride(grants(owner), agent.id(), Permission.API_TOKENS_CREATE, true);
        String apiToken = fixtures.apiToken(agent, Permission.CONVERSATIONS_REPLY).text();
        Grants before = grants(agent);

        access.deactivate(grants(owner), agent.id());
        access.reactivate(grants(owner), agent.id());

        Grants after = grants(agent);
        assertThat(after.permissions()).isEqualTo(before.permissions()).doesNotContain(Permission.CONTACTS_EDIT);
        assertThat(after.scope()).isEqualTo(ConversationScope.ASSIGNED);
        assertThat(after.inboxes()).containsExactly(inbox.id());
        assertThat(after.role()).isEqualTo(Role.AGENT);
        DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        assertThat(new ApiTestClient(port, apiToken).get("/api/v1/conversations").statusCode())
            .as("a token revoked by the deactivation")
            .isEqualTo(401);
        assertThat(actions(owner.workspaceId())).containsSubsequence("member.deactivated", "member.reactivated");
    }

    @Test
    void aSignInLandsInAnotherWorkspaceWhileOneMembershipIsDeactivated() {
        Member elsewhere = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Two Places");
        Member inOther = fixtures.joinAsAgent(agent, elsewhere);

        access.deactivate(grants(owner), agent.id());

        DashboardSession browser = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        String page = browser.get("/app/members").body();
        assertThat(page).as("signed in to the other workspace").contains(elsewhere.displayName());
        assertThat(browser.post("/app/workspaces/" + owner.workspaceId() + "/switch", Map.of()).statusCode())
            .as("no switching into the deactivated membership")
            .isEqualTo(404);
        assertThat(accounts.workspacesOf(inOther.accountId())).extracting(AccountManagement.WorkspaceChoice::id)
            .containsExactly(elsewhere.workspaceId());
    }

    @Test
    void theRulesOfManagingMembersHold() {
        Member admin = fixtures.agent(owner, "Ada Min");
        access.changeRole(grants(owner), admin.id(), Role.ADMIN);
        Member agent = fixtures.agent(owner, "Age Nt");
        Member stranger = fixtures.workspaceWithOwner();

        assertThatThrownBy(() -> access.deactivate(grants(owner), owner.id())).as("oneself")
            .isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> access.deactivate(grants(admin), owner.id())).as("an owner, by an admin")
            .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> access.deactivate(grants(agent), admin.id())).as("without members.manage")
            .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> access.deactivate(grants(owner), stranger.id())).as("another workspace's member")
            .isInstanceOf(NotFound.class);
        access.reactivate(grants(owner), agent.id()); // active: nothing to do

        Member second = fixtures.agent(owner, "Sec Ond");
        access.changeRole(grants(owner), second.id(), Role.OWNER);
        access.deactivate(grants(owner), second.id());
        access.deactivate(grants(owner), second.id()); // a second click: nothing more
                                                       // happens
        assertThatThrownBy(() -> access.remove(grants(owner), owner.id()))
            .as("a deactivated owner does not count as the workspace's owner")
            .isInstanceOf(Rejected.class)
            .hasMessageContaining("owner");
        assertThat(access.grants(owner.workspaceId(), owner.id()).orElseThrow().role()).isEqualTo(Role.OWNER);
        assertThat(actions(owner.workspaceId())).containsOnlyOnce("member.deactivated")
            .doesNotContain("member.reactivated");
    }

    @Test
    void theLastActiveOwnerCannotBeDeactivatedEvenByAnotherOwnerWhoIsLeaving() {
        Member second = fixtures.agent(owner, "Own Er");
        access.changeRole(grants(owner), second.id(), Role.OWNER);
        access.deactivate(grants(second), owner.id());

        assertThatThrownBy(() -> access.remove(grants(second), second.id())).as("the only active owner leaving")
            .isInstanceOf(Rejected.class);
        access.reactivate(grants(second), owner.id());
        access.remove(grants(second), second.id());
        assertThat(grants(owner).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void aDeactivatedMemberCannotBeGivenConversations() {
        Member agent = fixtures.agent(owner, "Not Here");
        fixtures.joinInbox(owner, inbox.id(), agent);
        ContactManagement contacts = context.getBean(ContactManagement.class);
        ConversationManagement conversations = context.getBean(ConversationManagement.class);
        var visitor = contacts.createVisitor(owner.workspaceId(), inbox.id(), "198.51.100.7");
        ConversationId conversation = conversations
            .postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), "v-1", "Hello?")
            .message()
            .conversationId();
        access.deactivate(grants(owner), agent.id());

        assertThatThrownBy(() -> conversations.assign(grants(owner), conversation, agent.id()))
            .isInstanceOf(Rejected.class)
            .hasMessageContaining("deactivated");
        assertThat(conversations.find(grants(owner), conversation).orElseThrow().assignee()).isNull();
        assertThat(access.inboxMembers(owner.workspaceId(), inbox.id())).isEqualTo(Set.of(agent.id()));
    }

    @Test
    void theMemberPageOffersDeactivationToThoseWhoManageMembersOnly() {
        Member agent = fixtures.agent(owner, "Pag E");
        DashboardSession ownerBrowser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        DashboardSession agentBrowser = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        Member other = fixtures.agent(owner, "Oth Er");

        assertThat(ownerBrowser.get("/app/members/" + agent.id()).body()).contains("id=\"deactivate-member\"");
        assertThat(agentBrowser.get("/app/members/" + other.id()).body()).doesNotContain("deactivate-member");
        agentBrowser.get("/app/members");
        assertThat(agentBrowser.post("/app/members/" + other.id() + "/deactivate", Map.of()).statusCode())
            .isEqualTo(403);
        assertThat(grants(other).permissions()).isNotEmpty();

        ownerBrowser.post("/app/members/" + other.id() + "/deactivate", Map.of());
        assertThat(ownerBrowser.get("/app/members/" + other.id()).body()).contains("id=\"deactivated\"")
            .contains("id=\"reactivate-member\"");
    }

    private List<String> actions(WorkspaceId workspace) {
        return jdbc.sql("select action from audit_entry where workspace_id = ? order by sequence")
            .param(workspace.value())
            .query(String.class)
            .list();
    }

    private Grants grants(Member member) {
        return fixtures.grants(member);
    }

}
