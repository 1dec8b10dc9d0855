package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.agentSocket;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.quietThenBarrier;
import static org.confidant.realtime.RealtimeTestSupport.types;

import java.util.List;
import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.routing.InboxRouting;
import org.confidant.routing.MemberStatus;
import org.confidant.routing.RoutingManagement;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * A member's status on the dashboard's socket: opening the first dashboard, choosing a
 * status and closing the last dashboard each reach colleagues of the same workspace as a
 * {@code status} frame, never a visitor socket nor a member of another workspace; a
 * member whose last dashboard closed shows as offline and is handed nothing by
 * round-robin; one who opens a dashboard, online, is handed what waits.
 */
@IntegrationTest
class MemberStatusOnSocketsIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    RoutingManagement routing;

    @Autowired
    ConversationManagement conversations;

    @LocalServerPort
    int port;

    @Test
    void colleaguesSeeAStatusLiveAndVisitorsAndOtherWorkspacesNever() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Member ana = fixtures.agent(tenant.owner(), "Ana Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), ana);
        Member stranger = fixtures.workspaceWithOwner();
        routing.configure(fixtures.grants(tenant.owner()), new InboxRouting(tenant.inbox().id(), true, 5));

        try (Visitor visitor = hello(port, tenant.inboxId(), null);
                TestSocket ownerSocket = agentSocket(port, tenant.owner());
                TestSocket strangerSocket = agentSocket(port, stranger)) {
            DashboardSession anasBrowser = DashboardSession.signIn(port, ana.email(), Fixtures.PASSWORD);
            TestSocket anasSocket = agentSocket(port, anasBrowser, ana);
            assertStatus(ownerSocket, ana, "online");

            anasBrowser.get("/app/conversations");
            anasBrowser.post("/app/account/status", Map.of("status", "away"));
            assertStatus(ownerSocket, ana, "away");

            anasBrowser.post("/app/account/status", Map.of("status", "online"));
            assertStatus(ownerSocket, ana, "online");

            anasSocket.close();
            assertStatus(ownerSocket, ana, "offline");
            assertThat(routing.statuses(ana.workspaceId())).containsEntry(ana.id(), MemberStatus.OFFLINE);

            // she closed the laptop: a visitor's new conversation waits for her
            String conversation = RealtimeTestSupport
                .sendForAck(visitor.socket(), RealtimeTestSupport.visitorSend("v-1", "Hello?"))
                .path("conversation")
                .asString();
            assertThat(assignee(tenant, conversation)).isNull();

            List<List<JsonNode>> heard = quietThenBarrier(List.of(visitor.socket(), strangerSocket));
            assertThat(types(heard.get(0))).as("the visitor's socket").doesNotContain("status");
            assertThat(types(heard.get(1))).doesNotContain("status");
            assertThat(strangerSocket.takeStatuses()).as("a member of another workspace hears of no one of this one")
                .isNotEmpty()
                .allSatisfy(frame -> assertThat(frame.path("member").asString()).isEqualTo(stranger.id().toString()));

            // she opens the dashboard again, online: what waited is hers
            try (TestSocket again = agentSocket(port, anasBrowser, ana)) {
                assertStatus(ownerSocket, ana, "online");
                // told once the assignment committed (the socket's opening hands it out)
                JsonNode assigned = again.next("notify");
                assertThat(assigned.path("event").asString()).isEqualTo("assigned");
                assertThat(assigned.path("by").asString()).isEqualTo("Round-robin");
                assertThat(assigned.path("conversation").asString()).isEqualTo(conversation);
                assertThat(assignee(tenant, conversation)).isEqualTo(ana.id().toString());
            }
        }
    }

    private String assignee(Tenant tenant, String conversation) {
        var found = conversations.find(tenant.workspaceId(), ConversationId.of(conversation)).orElseThrow();
        return found.assignee() == null ? null : found.assignee().toString();
    }

    /** The next status frame about the member (the owner's own come first). */
    private static void assertStatus(TestSocket socket, Member member, String status) {
        JsonNode frame = socket.next("status");
        while (!frame.path("member").asString().equals(member.id().toString())) {
            frame = socket.next("status");
        }
        assertThat(frame.path("status").asString()).isEqualTo(status);
    }

}
