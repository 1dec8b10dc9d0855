package org.confidant.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.confidant.signin.MemberSessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The members and inbox-members pages over HTTP, and what an agent's pages show and
 * refuse.
 */
@IntegrationTest
class MemberPagesIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccessManagement access;

    @Autowired
    InboxManagement inboxes;

    @Autowired
    ContactManagement contacts;

    @Autowired
    ConversationManagement conversations;

    Member owner;

    Member agent;

    DashboardSession ownerBrowser;

    DashboardSession agentBrowser;

    Inbox shop;

    Inbox support;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        agent = fixtures.agent(owner, "Page Agent");
        shop = inboxes.create(fixtures.grants(owner), "shop.example");
        support = inboxes.create(fixtures.grants(owner), "support.example");
        ownerBrowser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        agentBrowser = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
    }

    @Test
    void theOwnerPutsTheAgentInAnInboxAndTheAgentSeesOnlyThatInbox() {
        ConversationId visible = visitorWrites(shop, "VISIBLE-PREVIEW order");
        ConversationId hidden = visitorWrites(support, "HIDDEN-PREVIEW password");

        ownerBrowser.get("/app/inboxes/" + shop.id() + "/members");
        HttpResponse<String> saved = ownerBrowser.post("/app/inboxes/" + shop.id() + "/members",
                Map.of("member", agent.id().toString()));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(access.inboxMembers(owner.workspaceId(), shop.id())).containsExactly(agent.id());

        String list = agentBrowser.get("/app/conversations").body();
        assertThat(list).contains(visible.toString())
            .contains("VISIBLE-PREVIEW")
            .doesNotContain(hidden.toString())
            .doesNotContain("HIDDEN-PREVIEW");
        assertThat(agentBrowser.get("/app/conversations/" + visible).statusCode()).isEqualTo(200);
        assertThat(agentBrowser.get("/app/conversations/" + hidden).statusCode()).isEqualTo(404);
        assertThat(agentBrowser.post("/app/conversations/" + hidden + "/resolve", Map.of()).statusCode())
            .isEqualTo(404);
        assertThat(agentBrowser
            .post("/app/conversations/" + hidden + "/contact",
                    Map.of("displayName", "Hijack", "email", "", "phone", ""))
            .statusCode()).isEqualTo(404);
        assertThat(agentBrowser.get("/app/inboxes/" + shop.id() + "/install").statusCode()).isEqualTo(403);
        assertThat(agentBrowser.get("/app/inboxes/" + shop.id() + "/members").statusCode()).isEqualTo(403);
    }

    @Test
    void roleScopeAndOverridesAreChangedOnTheMembersPage() {
        String page = ownerBrowser.get("/app/members/" + agent.id()).body();
        assertThat(page).contains("conversations.read.inboxes").contains("Change role");

        ownerBrowser.post("/app/members/" + agent.id() + "/role", Map.of("role", "MANAGER"));
        assertThat(fixtures.grants(agent).role()).isEqualTo(Role.MANAGER);
        ownerBrowser.post("/app/members/" + agent.id() + "/scope", Map.of("scope", "ASSIGNED"));
        assertThat(fixtures.grants(agent).scope()).isEqualTo(ConversationScope.ASSIGNED);
        ownerBrowser.post("/app/members/" + agent.id() + "/overrides",
                Map.of("permission", "contacts.erase", "value", "grant"));
        assertThat(fixtures.grants(agent).has(Permission.CONTACTS_ERASE)).isTrue();

        HttpResponse<String> bad = ownerBrowser.post("/app/members/" + agent.id() + "/overrides",
                Map.of("permission", "everything.please", "value", "grant"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("bad_permission").doesNotContain("Exception");

        // the (now) manager cannot raise themselves
        agentBrowser.get("/app/members/" + agent.id());
        assertThat(agentBrowser.post("/app/members/" + agent.id() + "/role", Map.of("role", "OWNER")).statusCode())
            .isEqualTo(403);
        assertThat(fixtures.grants(agent).role()).isEqualTo(Role.MANAGER);
    }

    @Test
    void aRemovedMembersSessionEndsAtOnce() {
        agentBrowser.get("/app/conversations");
        ownerBrowser.get("/app/members/" + agent.id());
        assertThat(ownerBrowser.post("/app/members/" + agent.id() + "/remove", Map.of()).statusCode()).isEqualTo(302);

        assertThat(context.getBean(MemberSessions.class).sessionsOf(agent.workspaceId(), agent.id(), null))
            .as("the removed member's sessions, before they click anything")
            .isEmpty();
        HttpResponse<String> next = agentBrowser.get("/app/conversations");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void theLastOwnerCannotLeave() {
        ownerBrowser.get("/app/members/" + owner.id());
        HttpResponse<String> refused = ownerBrowser.post("/app/members/" + owner.id() + "/remove", Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("last_owner");
        assertThat(fixtures.grants(owner).role()).isEqualTo(Role.OWNER);
    }

    private ConversationId visitorWrites(Inbox inbox, String text) {
        var visitor = contacts.createVisitor(owner.workspaceId(), inbox.id(), "198.51.100.9");
        return conversations.postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), "v-1", text)
            .message()
            .conversationId();
    }

}
