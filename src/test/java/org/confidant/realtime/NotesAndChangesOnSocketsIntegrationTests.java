package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.agentSocket;
import static org.confidant.realtime.RealtimeTestSupport.awaitMessage;
import static org.confidant.realtime.RealtimeTestSupport.barrier;
import static org.confidant.realtime.RealtimeTestSupport.checkError;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.quietThenBarrier;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.sync;
import static org.confidant.realtime.RealtimeTestSupport.types;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;
import static org.confidant.realtime.RealtimeTestSupport.watch;

import java.util.List;
import java.util.Map;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Label;
import org.confidant.conversation.LabelColour;
import org.confidant.conversation.LabelManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Internal notes on the sockets (the agents watching the conversation who may read it,
 * never its visitor, never another inbox's agent), and {@code conversation.changed}
 * saying who assigned, resolved or reopened.
 */
@IntegrationTest
class NotesAndChangesOnSocketsIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    LabelManagement labels;

    @Test
    void aNoteReachesTheWatchingMembersAndNeverTheVisitorOrAnotherInbox() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Member agent = fixtures.agent(tenant.owner(), "Ana Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), agent);
        Inbox other = fixtures.liveInbox(tenant.owner(), "other.example");
        Member outsider = fixtures.agent(tenant.owner(), "Oto Outsider");
        fixtures.joinInbox(tenant.owner(), other.id(), outsider);

        try (Visitor visitor = hello(port, tenant.inboxId(), null);
                TestSocket ownerSocket = agentSocket(port, tenant.owner());
                TestSocket agentSocket = agentSocket(port, agent);
                TestSocket outsiderSocket = agentSocket(port, outsider)) {
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", "hello")).path("conversation")
                .asString();
            ownerSocket.send(watch(conversation, 0));
            awaitMessage(ownerSocket, 1);
            barrier(ownerSocket);
            outsiderSocket.send(watch(conversation, 0));
            checkError(outsiderSocket.next("error"), "conversation_not_found");
            barrier(visitor.socket());

            agentSocket.send(Map.of("type", "note.send", "conversation", conversation, "clientMsgId", "n-1", "text",
                    "NOTE-SECRET: refund approved"));
            JsonNode ack = agentSocket.next("note.ack");
            assertThat(ack.path("clientMsgId").asString()).isEqualTo("n-1");
            JsonNode note = ownerSocket.next("note");
            assertThat(note.path("conversation").asString()).isEqualTo(conversation);
            assertThat(note.path("text").asString()).isEqualTo("NOTE-SECRET: refund approved");
            assertThat(note.path("author").path("name").asString()).isEqualTo("Ana Agent");
            assertThat(note.path("id").asString()).isEqualTo(ack.path("id").asString());

            List<List<JsonNode>> heard = quietThenBarrier(List.of(visitor.socket(), outsiderSocket));
            assertThat(heard.get(0)).as("the visitor's socket").noneMatch(f -> f.toString().contains("NOTE-SECRET"));
            assertThat(types(heard.get(0))).doesNotContain("note");
            assertThat(heard.get(1)).as("another inbox's agent").isEmpty();

            // a visitor's catch-up holds the messages only
            visitor.socket().send(sync(conversation, 0));
            List<JsonNode> caughtUp = barrier(visitor.socket());
            assertThat(caughtUp).noneMatch(f -> f.toString().contains("NOTE-SECRET"));
            assertThat(types(caughtUp)).containsExactly("message", "synced");

            // too long: refused, nothing stored
            agentSocket.send(Map.of("type", "note.send", "conversation", conversation, "clientMsgId", "n-2", "text",
                    "x".repeat(5_001)));
            checkError(agentSocket.next("error"), "note_too_long");
            assertThat(conversations.notes(fixtures.grants(tenant.owner()), ConversationId.of(conversation)))
                .hasSize(1);
        }
    }

    @Test
    void conversationChangedSaysWhoAssignedResolvedAndReopened() {
        Tenant tenant = newTenant(fixtures);
        Member agent = fixtures.agent(tenant.owner(), "Ana Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), agent);

        try (Visitor visitor = hello(port, tenant.inboxId(), null); TestSocket agentSocket = agentSocket(port, agent)) {
            ConversationId conversation = ConversationId
                .of(sendForAck(visitor.socket(), visitorSend("v-1", "hello")).path("conversation").asString());
            assertThat(agentSocket.next("conversation.changed").has("change")).as("a message is no member's change")
                .isFalse();

            conversations.assign(fixtures.grants(tenant.owner()), conversation, agent.id());
            JsonNode assigned = agentSocket.next("conversation.changed");
            assertThat(assigned.path("assignee").asString()).isEqualTo(agent.id().toString());
            assertThat(assigned.path("change").path("kind").asString()).isEqualTo("assigned");
            assertThat(assigned.path("change").path("by").path("id").asString())
                .isEqualTo(tenant.owner().id().toString());
            assertThat(assigned.path("change").path("by").path("name").asString())
                .isEqualTo(tenant.owner().displayName());
            assertThat(assigned.path("change").path("assigneeName").asString()).isEqualTo("Ana Agent");

            conversations.resolve(fixtures.grants(tenant.owner()), conversation);
            JsonNode resolved = agentSocket.next("conversation.changed");
            assertThat(resolved.path("status").asString()).isEqualTo("resolved");
            assertThat(resolved.path("change").path("kind").asString()).isEqualTo("resolved");

            conversations.reopen(fixtures.grants(agent), conversation);
            JsonNode reopened = agentSocket.next("conversation.changed");
            assertThat(reopened.path("change").path("kind").asString()).isEqualTo("reopened");
            assertThat(reopened.path("change").path("by").path("id").asString()).isEqualTo(agent.id().toString());
        }
    }

    @Test
    void aLabelPutOnOrTakenOffIsAChangeForTheAgentsAndNothingForTheVisitor() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Member agent = fixtures.agent(tenant.owner(), "Ana Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), agent);
        Label label = labels.add(fixtures.grants(tenant.owner()), "LABEL-SECRET vip", LabelColour.PINK);

        try (Visitor visitor = hello(port, tenant.inboxId(), null); TestSocket agentSocket = agentSocket(port, agent)) {
            ConversationId conversation = ConversationId
                .of(sendForAck(visitor.socket(), visitorSend("v-1", "hello")).path("conversation").asString());
            agentSocket.next("conversation.changed");
            barrier(visitor.socket());

            labels.apply(fixtures.grants(tenant.owner()), conversation, label.id());
            JsonNode labelled = agentSocket.next("conversation.changed");
            assertThat(labelled.path("conversation").asString()).isEqualTo(conversation.toString());
            assertThat(labelled.path("change").path("kind").asString()).isEqualTo("labelled");
            assertThat(labelled.path("change").path("by").path("name").asString())
                .isEqualTo(tenant.owner().displayName());
            labels.remove(fixtures.grants(agent), conversation, label.id());
            JsonNode unlabelled = agentSocket.next("conversation.changed");
            assertThat(unlabelled.path("change").path("kind").asString()).isEqualTo("labelled");
            assertThat(unlabelled.path("change").path("by").path("id").asString()).isEqualTo(agent.id().toString());

            List<List<JsonNode>> heard = quietThenBarrier(List.of(visitor.socket()));
            assertThat(heard.get(0)).as("the visitor's socket")
                .noneMatch(f -> f.toString().contains("LABEL-SECRET") || f.toString().contains("labelled"));
        }
    }

    @Test
    void typingSignalsGoBothWaysCarryNoTextAndAreThrottled() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Member agent = fixtures.agent(tenant.owner(), "Ana Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), agent);
        Inbox other = fixtures.liveInbox(tenant.owner(), "other.example");
        Member outsider = fixtures.agent(tenant.owner(), "Oto Outsider");
        fixtures.joinInbox(tenant.owner(), other.id(), outsider);

        try (Visitor visitor = hello(port, tenant.inboxId(), null);
                Visitor neighbour = hello(port, tenant.inboxId(), null);
                TestSocket agentSocket = agentSocket(port, agent);
                TestSocket outsiderSocket = agentSocket(port, outsider)) {
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", "hello")).path("conversation")
                .asString();
            sendForAck(neighbour.socket(), visitorSend("n-1", "me too"));
            agentSocket.send(watch(conversation, 0));
            awaitMessage(agentSocket, 1);
            barrier(agentSocket);
            barrier(visitor.socket());

            // the agent types: the visitor hears it once, however fast the signals come
            agentSocket.send(Map.of("type", "typing", "conversation", conversation));
            agentSocket.send(Map.of("type", "typing", "conversation", conversation));
            barrier(agentSocket);
            List<List<JsonNode>> heard = quietThenBarrier(List.of(visitor.socket(), neighbour.socket()));
            assertThat(types(heard.get(0))).containsExactly("typing");
            assertThat(heard.get(0).getFirst().path("from").asString()).isEqualTo("agent");
            assertThat(heard.get(0).getFirst().has("text")).isFalse();
            assertThat(heard.get(1)).as("another visitor of the inbox").isEmpty();

            // a signal cannot carry text
            agentSocket.send(Map.of("type", "typing", "conversation", conversation, "text", "half a reply"));
            checkError(agentSocket.next("error"), "bad_frame");

            // the visitor types: the watching agent hears it, another inbox's agent does
            // not
            visitor.socket().send(Map.of("type", "typing"));
            JsonNode typing = agentSocket.next("typing");
            assertThat(typing.path("conversation").asString()).isEqualTo(conversation);
            assertThat(typing.path("from").asString()).isEqualTo("visitor");
            visitor.socket().send(Map.of("type", "typing", "text", "what I am writing"));
            checkError(visitor.socket().next("error"), "bad_frame");
            assertThat(quietThenBarrier(outsiderSocket)).isEmpty();
        }
    }

}
