package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.confidant.realtime.RealtimeTestSupport.agentSend;
import static org.confidant.realtime.RealtimeTestSupport.agentSocket;
import static org.confidant.realtime.RealtimeTestSupport.awaitMessage;
import static org.confidant.realtime.RealtimeTestSupport.barrier;
import static org.confidant.realtime.RealtimeTestSupport.checkError;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.quietThenBarrier;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.types;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;
import static org.confidant.realtime.RealtimeTestSupport.watch;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.confidant.DashboardSession;
import org.confidant.access.AccessManagement;
import org.confidant.access.ConversationScope;
import org.confidant.access.Grants;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.shared.ConversationId;
import org.confidant.signin.MemberSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Scopes on the dashboard socket: an agent's socket hears nothing of conversations
 * outside their scope, and a change of access reaches open sockets at once.
 */
@IntegrationTest
class AccessOnSocketsIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccessManagement access;

    @Autowired
    ConversationManagement conversations;

    @Test
    void anAgentSocketHearsNothingOfAnotherInbox() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Inbox other = fixtures.liveInbox(tenant.owner(), "other.example");
        Member agent = fixtures.agent(tenant.owner(), "Ina Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), agent);

        try (TestSocket agentSocket = agentSocket(port, agent);
                Visitor outside = hello(port, other.id().toString(), null);
                Visitor inside = hello(port, tenant.inboxId(), null)) {
            String hidden = sendForAck(outside.socket(), visitorSend("o-1", "OUT-OF-SCOPE text")).path("conversation")
                .asString();
            assertThat(quietThenBarrier(agentSocket)).as("frames about the other inbox's conversation").isEmpty();

            String mine = sendForAck(inside.socket(), visitorSend("i-1", "in scope")).path("conversation").asString();
            assertThat(agentSocket.next("conversation.changed").path("conversation").asString()).isEqualTo(mine);

            agentSocket.send(watch(hidden, 0));
            checkError(agentSocket.next(), "conversation_not_found");
            agentSocket.send(agentSend(hidden, "a-1", "intrusion"));
            checkError(agentSocket.next(), "conversation_not_found");
            assertThat(conversations.messagesAfter(tenant.workspaceId(), ConversationId.of(hidden), 0)).hasSize(1);

            sendForAck(outside.socket(), visitorSend("o-2", "OUT-OF-SCOPE again"));
            List<JsonNode> frames = quietThenBarrier(agentSocket);
            assertThat(frames.toString()).doesNotContain(hidden).doesNotContain("OUT-OF-SCOPE");
        }
    }

    @Test
    void removingAnAgentFromTheInboxStopsTheirSocketAtOnce() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Member agent = fixtures.agent(tenant.owner(), "Ria Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), agent);

        try (TestSocket agentSocket = agentSocket(port, agent); Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", "first")).path("conversation")
                .asString();
            agentSocket.send(watch(conversation, 0));
            awaitMessage(agentSocket, 1);
            barrier(agentSocket);

            context.getBean(InboxManagement.class).setMembers(grants(tenant.owner()), tenant.inbox().id(), Set.of());
            assertThat(agentSocket.next().path("type").asString()).isEqualTo("access.changed");

            sendForAck(visitor.socket(), visitorSend("v-2", "SECOND, after the change"));
            assertThat(quietThenBarrier(agentSocket)).as("frames after losing the inbox").isEmpty();
            agentSocket.send(watch(conversation, 0));
            checkError(agentSocket.next(), "conversation_not_found");
        }
    }

    @Test
    void anAssignedOnlyAgentHearsTheirConversationsAndLosesOneThatIsTakenAway() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Member agent = fixtures.agent(tenant.owner(), "Asa Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), agent);
        access.setScope(grants(tenant.owner()), agent.id(), ConversationScope.ASSIGNED);

        try (TestSocket agentSocket = agentSocket(port, agent); Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", "hello")).path("conversation")
                .asString();
            assertThat(quietThenBarrier(agentSocket)).as("unassigned: not theirs").isEmpty();

            conversations.assign(grants(tenant.owner()), ConversationId.of(conversation), agent.id());
            assertThat(agentSocket.next("conversation.changed").path("assignee").asString())
                .isEqualTo(agent.id().toString());
            agentSocket.send(watch(conversation, 0));
            awaitMessage(agentSocket, 1);
            barrier(agentSocket);

            conversations.assign(grants(tenant.owner()), ConversationId.of(conversation), null);
            assertThat(agentSocket.next().path("type").asString()).as("told to reload").isEqualTo("access.changed");
            sendForAck(visitor.socket(), visitorSend("v-2", "after unassigning"));
            assertThat(types(quietThenBarrier(agentSocket))).isEmpty();
        }
    }

    @Test
    void removingAMemberClosesTheirOpenSocketsAndRefusesNewOnes() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Member agent = fixtures.agent(tenant.owner(), "Gon Agent");
        DashboardSession session = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);

        try (TestSocket first = agentSocket(port, session, agent);
                TestSocket second = agentSocket(port, session, agent)) {
            access.remove(grants(tenant.owner()), agent.id());

            assertThat(first.awaitCloseCode(Duration.ofSeconds(5))).isEqualTo(4403);
            assertThat(second.awaitCloseCode(Duration.ofSeconds(5))).isEqualTo(4403);
        }
        // the removal ended the member's sessions too: the old cookie opens no socket and
        // no page
        assertThatThrownBy(() -> TestSocket.agent(port, session.cookie())).as("a new socket of the ended membership")
            .hasStackTraceContaining("status code 302");
        assertThat(session.get("/app/conversations").statusCode()).isEqualTo(302);
        assertThat(context.getBean(MemberSessions.class).sessionsOf(agent.workspaceId(), agent.id(), null)).isEmpty();
    }

    private Grants grants(Member member) {
        return fixtures.grants(member);
    }

}
