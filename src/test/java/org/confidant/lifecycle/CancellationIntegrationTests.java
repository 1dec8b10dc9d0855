package org.confidant.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestClock;
import org.confidant.TestDatabase;
import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.api.ApiTestClient;
import org.confidant.conversation.ConversationManagement;
import org.confidant.crypto.DeploymentSigning;
import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.ErasureLedger;
import org.confidant.crypto.FieldEncryption;
import org.confidant.crypto.IntegrityException;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.TypedConfirmation;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessions;
import org.confidant.workspace.Cancellation;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cancelling a workspace, attacked: only an owner, with the right password and the
 * workspace's name; at once every surface is closed (dashboard sessions end, pages of a
 * new sign-in show only the cancellation, API tokens answer 401, the widget's frame and
 * hello answer not found, visitor sessions are revoked, grants hold nothing); an owner
 * restores it within the grace period; at its end the workspace is shredded with a signed
 * receipt and its data no longer decrypts.
 */
@IntegrationTest
class CancellationIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    CancellationManagement cancellations;

    @Autowired
    CancellationSweeper sweeper;

    @Autowired
    WorkspaceManagement workspaces;

    @Autowired
    AccessManagement access;

    @Autowired
    VisitorSessions sessions;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    ErasureLedger ledger;

    @Autowired
    DeploymentSigning signing;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    Member owner;

    Grants grants;

    Inbox inbox;

    String name;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        grants = fixtures.grants(owner);
        inbox = fixtures.liveInbox(owner, "cancel.example");
        name = workspaces.find(owner.workspaceId()).orElseThrow().name();
    }

    @Test
    void onlyAnOwnerWithTheirPasswordAndTheWorkspacesNameCancels() {
        Member agent = fixtures.agent(owner, "Agent");
        assertThatThrownBy(() -> cancellations.cancel(fixtures.grants(agent), Fixtures.PASSWORD, name, "127.0.0.1"))
            .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> cancellations.cancel(grants, "wrong password", name, "127.0.0.1"))
            .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo("wrong_password"));
        assertThatCode(() -> cancellations.cancel(grants, Fixtures.PASSWORD, name + " ", "127.0.0.1"))
            .as("the name, with a space a browser added")
            .doesNotThrowAnyException();
        assertThat(workspaces.cancelled(owner.workspaceId())).isTrue();
        workspaces.restore(owner.workspaceId(), owner.id());
        assertThatThrownBy(() -> cancellations.cancel(grants, Fixtures.PASSWORD, "another name", "127.0.0.1"))
            .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo(TypedConfirmation.MISMATCH));
        assertThat(workspaces.cancelled(owner.workspaceId())).isFalse();
    }

    @Test
    void everySurfaceClosesAtOnceAndAnOwnerRestoresIt() {
        Member agent = fixtures.agent(owner, "Agent");
        fixtures.joinInbox(owner, inbox.id(), agent);
        DashboardSession agentSession = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        assertThat(agentSession.get("/app/conversations").statusCode()).isEqualTo(200);
        ApiTestClient api = new ApiTestClient(port, fixtures.apiToken(owner, Permission.CONVERSATIONS_REPLY).text());
        assertThat(api.get("/api/v1/conversations").statusCode()).isEqualTo(200);
        VisitorSession visitor = sessions.open(inbox.id(), null, Fixtures.HOST, null, "198.51.100.9", null);
        conversations.postFromVisitor(owner.workspaceId(), inbox.id(), visitor.contactId(), "v-1", "hello");
        DashboardSession anonymous = DashboardSession.anonymous(port);
        assertThat(anonymous.get("/widget/frame?inbox=" + inbox.id()).statusCode()).isEqualTo(200);

        Cancellation cancellation = cancellations.cancel(grants, Fixtures.PASSWORD, name, "127.0.0.1");
        assertThat(cancellation.shredAfter()).isEqualTo(cancellation.at().plus(Duration.ofDays(30)));

        HttpResponse<String> after = agentSession.get("/app/conversations");
        assertThat(after.statusCode()).as("the agent's session ended").isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).contains("/login");
        assertThat(api.get("/api/v1/conversations").statusCode()).as("API tokens revoked").isEqualTo(401);
        assertThat(anonymous.get("/widget/frame?inbox=" + inbox.id()).statusCode()).as("the widget").isEqualTo(404);
        assertThat(anonymous.get("/demo/" + inbox.id()).statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> sessions.open(inbox.id(), null, Fixtures.HOST, null, "198.51.100.9", null))
            .isInstanceOf(NotFound.class);
        assertThat(sessions.isLive(visitor)).as("visitor sessions revoked").isFalse();
        assertThat(access.grants(owner.workspaceId(), owner.id()).orElseThrow().permissions()).isEmpty();
        assertThat(access.grants(owner.workspaceId(), agent.id()).orElseThrow().visibility().name()).isEqualTo("NONE");

        // signing in again shows nothing but the cancellation; an owner may undo it
        DashboardSession ownerSession = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        for (String page : List.of("/app/conversations", "/app/members", "/app/audit", "/app/privacy/lifecycle")) {
            HttpResponse<String> answer = ownerSession.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElse("")).as(page)
                .endsWith("/app/workspace/cancelled");
        }
        assertThat(ownerSession.get("/app/conversations/list").statusCode()).isEqualTo(302);
        HttpResponse<String> page = ownerSession.get("/app/workspace/cancelled");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("restore-workspace");
        DashboardSession agentAgain = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        assertThat(agentAgain.get("/app/workspace/cancelled").body()).doesNotContain("restore-workspace");
        assertThat(agentAgain.post("/app/workspace/restore", Map.of()).statusCode()).isEqualTo(403);

        assertThat(ownerSession.post("/app/workspace/restore", Map.of()).statusCode()).isEqualTo(302);
        assertThat(workspaces.cancelled(owner.workspaceId())).isFalse();
        assertThat(ownerSession.get("/app/conversations").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/widget/frame?inbox=" + inbox.id()).statusCode()).isEqualTo(200);
        assertThat(access.grants(owner.workspaceId(), owner.id()).orElseThrow().permissions()).isNotEmpty();
        assertThat(api.get("/api/v1/conversations").statusCode()).as("revoked tokens stay revoked").isEqualTo(401);
    }

    @Test
    void atTheEndOfTheGracePeriodTheWorkspaceIsShreddedWithASignedReceiptAndItsDataNoLongerDecrypts() {
        VisitorSession visitor = sessions.open(inbox.id(), null, Fixtures.HOST, null, "198.51.100.10", null);
        var posted = conversations.postFromVisitor(owner.workspaceId(), inbox.id(), visitor.contactId(), "v-1",
                "a secret before the end");
        UUID messageId = TestDatabase
            .allRows(() -> jdbc.sql("select id from message where workspace_id = ? and conversation_id = ?")
                .params(owner.workspaceId().value(), posted.message().conversationId().value())
                .query(UUID.class)
                .single());
        byte[] body = TestDatabase.allRows(
                () -> jdbc.sql("select body from message where id = ?").param(messageId).query(byte[].class).single());

        cancellations.cancel(grants, Fixtures.PASSWORD, name, "127.0.0.1");
        clock.move(Duration.ofDays(28));
        sweeper.run();
        assertThat(workspaces.cancellation(owner.workspaceId()).orElseThrow().warnedAt()).as("owners warned")
            .isNotNull();
        assertThat(workspaces.find(owner.workspaceId())).isPresent();

        clock.move(Duration.ofDays(3));
        sweeper.run();
        assertThat(TestDatabase.allRows(() -> workspaces.find(owner.workspaceId()))).isEmpty();
        assertThatThrownBy(
                () -> encryption.decrypt(owner.workspaceId(), new EncryptedColumn("message", "body"), messageId, body))
            .as("a copy of the data taken before")
            .isInstanceOf(IntegrityException.class);
        assertThat(ledger.entries()).anyMatch(e -> e.kind() == ErasureLedger.Kind.WORKSPACE
                && e.workspaceId().equals(owner.workspaceId()) && !e.receipt().isEmpty());
        String receipt = TestDatabase
            .allRows(() -> jdbc.sql("select receipt from shredding_receipt where shredded_workspace = ?")
                .param(owner.workspaceId().value())
                .query(String.class)
                .single());
        DeploymentSigning.SignedStatement signed = DeploymentSigning.SignedStatement.ofCompact(receipt);
        assertThat(signing.verify(signed)).isTrue();
        assertThat(signed.payloadText()).contains("confidant.shredding-receipt")
            .contains(owner.workspaceId().toString());
    }

}
