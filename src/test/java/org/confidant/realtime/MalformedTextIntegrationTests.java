package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.agentSend;
import static org.confidant.realtime.RealtimeTestSupport.agentSocket;
import static org.confidant.realtime.RealtimeTestSupport.awaitMessage;
import static org.confidant.realtime.RealtimeTestSupport.barrier;
import static org.confidant.realtime.RealtimeTestSupport.checkError;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.quietThenBarrier;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.seqs;
import static org.confidant.realtime.RealtimeTestSupport.stored;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;
import static org.confidant.realtime.RealtimeTestSupport.watch;

import java.net.http.HttpResponse;
import java.util.List;

import org.confidant.api.ApiTestClient;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14's first defect, attacked: a message whose text holds a lone UTF-16 surrogate
 * (a JSON {@code \ud800} escape with no partner) was stored with {@code ?} in its place,
 * got no answer, and its fan-out failed to encode, closing the sender's socket and every
 * socket watching the conversation (4500). Now it is refused with {@code
 * malformed_text} before anything is stored, from a visitor, an agent and the API alike,
 * and every socket of the conversation stays open and keeps receiving.
 */
@IntegrationTest
class MalformedTextIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    /**
     * A visitor's message.send whose text is written into the JSON as is (its escapes
     * included).
     */
    private static String rawSend(String clientMsgId, String jsonText) {
        return "{\"type\":\"message.send\",\"clientMsgId\":\"" + clientMsgId + "\",\"text\":\"" + jsonText + "\"}";
    }

    @Test
    void aVisitorsLoneSurrogateIsRefusedStoresNothingAndEverySocketOfTheConversationKeepsWorking()
            throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        try (TestSocket watcher = agentSocket(port, tenant.owner());
                TestSocket otherAgent = agentSocket(port, tenant.owner());
                Visitor visitor = hello(port, tenant.inboxId(), null);
                Visitor otherTab = hello(port, tenant.inboxId(), visitor.token())) {
            String conversation = sendForAck(visitor.socket(), visitorSend("m-1", "Hello")).path("conversation")
                .asString();
            watcher.send(watch(conversation, 0));
            awaitMessage(watcher, 1);
            watcher.next("synced");
            awaitMessage(otherTab.socket(), 1);
            List<TestSocket> everyone = List.of(visitor.socket(), otherTab.socket(), watcher, otherAgent);
            everyone.forEach(RealtimeTestSupport::barrier);

            // an anonymous visitor can repeat it: every attempt is refused, and none
            // closes anything
            for (String attack : List.of("a\\ud800b", "\\udc00", "\\ud83d", "x\\ude00\\ud83dy")) {
                visitor.socket().send(rawSend("m-bad", attack));
                JsonNode error = visitor.socket().next();
                checkError(error, "malformed_text");
                assertThat(error.path("clientMsgId").asString()).isEqualTo("m-bad");
            }

            List<List<JsonNode>> after = quietThenBarrier(everyone);
            for (int i = 0; i < everyone.size(); i++) {
                assertThat(after.get(i)).as("frames on socket %d after the refusals", i).isEmpty();
                assertThat(everyone.get(i).isClosed()).as("socket %d is open", i).isFalse();
            }
            assertThat(seqs(stored(context, tenant.workspaceId(), conversation))).containsExactly(1L);

            // and the conversation goes on, on every socket
            assertThat(sendForAck(visitor.socket(), visitorSend("m-2", "Still here \uD83D\uDE00")).path("seq").asLong())
                .isEqualTo(2);
            assertThat(awaitMessage(watcher, 2).path("text").asString()).isEqualTo("Still here \uD83D\uDE00");
            assertThat(awaitMessage(otherTab.socket(), 2).path("text").asString()).isEqualTo("Still here \uD83D\uDE00");
            assertThat(otherAgent.next("conversation.changed").path("lastSeq").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(stored(context, tenant.workspaceId(), conversation).getLast().text())
                .isEqualTo("Still here \uD83D\uDE00");
        }
    }

    @Test
    void anAgentsLoneSurrogateIsRefusedAndTheVisitorsSocketStaysOpen() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        try (TestSocket agent = agentSocket(port, tenant.owner());
                Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String conversation = sendForAck(visitor.socket(), visitorSend("m-1", "Hello")).path("conversation")
                .asString();
            agent.send(watch(conversation, 0));
            awaitMessage(agent, 1);
            agent.next("synced");
            barrier(agent);
            barrier(visitor.socket());

            agent.send("{\"type\":\"message.send\",\"conversation\":\"" + conversation
                    + "\",\"clientMsgId\":\"a-bad\",\"text\":\"reply \\udbff\"}");
            checkError(agent.next(), "malformed_text");

            List<List<JsonNode>> after = quietThenBarrier(List.of(agent, visitor.socket()));
            assertThat(after.get(0)).isEmpty();
            assertThat(after.get(1)).isEmpty();
            assertThat(visitor.socket().isClosed()).isFalse();
            assertThat(seqs(stored(context, tenant.workspaceId(), conversation))).containsExactly(1L);
            agent.send(agentSend(conversation, "a-good", "A proper reply"));
            RealtimeTestSupport.awaitAck(agent, "a-good");
            assertThat(awaitMessage(visitor.socket(), 2).path("text").asString()).isEqualTo("A proper reply");
        }
    }

    @Test
    void aLoneSurrogateOverTheApiIsA400StoresNothingAndTheWatchingAgentKeepsReceiving() throws InterruptedException {
        Tenant tenant = newTenant(fixtures);
        ApiTestClient api = new ApiTestClient(port, fixtures.apiTokenWithAllOf(tenant.owner()).text());
        try (TestSocket agent = agentSocket(port, tenant.owner());
                Visitor visitor = hello(port, tenant.inboxId(), null)) {
            String conversation = sendForAck(visitor.socket(), visitorSend("m-1", "Hello")).path("conversation")
                .asString();
            agent.send(watch(conversation, 0));
            awaitMessage(agent, 1);
            agent.next("synced");
            barrier(agent);
            barrier(visitor.socket());
            String path = "/api/v1/conversations/" + conversation + "/messages";

            for (String attack : List.of("x\\ud800", "\\udfff", "\\ud800\\ud800")) {
                HttpResponse<String> refused = api.postJson(path,
                        "{\"clientMsgId\":\"api-bad\",\"text\":\"" + attack + "\"}");
                assertThat(refused.statusCode()).as("answer to %s", attack).isEqualTo(400);
                assertThat(JSON.readTree(refused.body()).path("code").asString()).isEqualTo("malformed_text");
            }

            List<List<JsonNode>> after = quietThenBarrier(List.of(agent, visitor.socket()));
            assertThat(after.get(0)).isEmpty();
            assertThat(after.get(1)).isEmpty();
            assertThat(agent.isClosed()).isFalse();
            assertThat(visitor.socket().isClosed()).isFalse();
            assertThat(seqs(stored(context, tenant.workspaceId(), conversation))).containsExactly(1L);

            assertThat(api.postJson(path, "{\"clientMsgId\":\"api-good\",\"text\":\"From the API\"}").statusCode())
                .isEqualTo(201);
            assertThat(awaitMessage(agent, 2).path("text").asString()).isEqualTo("From the API");
            assertThat(awaitMessage(visitor.socket(), 2).path("text").asString()).isEqualTo("From the API");
        }
    }

}
