package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.agentSocket;
import static org.confidant.realtime.RealtimeTestSupport.awaitMessage;
import static org.confidant.realtime.RealtimeTestSupport.barrier;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.quietThenBarrier;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.seqs;
import static org.confidant.realtime.RealtimeTestSupport.stored;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;
import static org.confidant.realtime.RealtimeTestSupport.watch;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * Issue 14's third defect, attacked over the REST API (the socket's cases are in
 * {@link VisitorSocketIntegrationTests}): {@code {"text": 5}} was stored as {@code "5"}.
 * Numbers, booleans, arrays and objects where text belongs, unknown fields, keys given
 * twice and trailing content are each a 400 problem ({@code
 * bad_body}) naming the field, nothing is stored and nothing reaches the agent watching
 * the conversation. Here because the API needs a conversation, which a visitor's socket
 * opens.
 */
@IntegrationTest
class StrictJsonIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void malformedApiBodiesAreA400NamingTheFieldAndStoreNothing() throws InterruptedException {
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
            String path = "/api/v1/conversations/" + conversation + "/messages";

            Map<String, String> bodies = new LinkedHashMap<>();
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":5}", "text");
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":-0.5}", "text");
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":true}", "text");
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":null,\"x\":1}", "x");
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":[\"hi\"]}", "text");
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":{\"text\":\"hi\"}}", "text");
            bodies.put("{\"clientMsgId\":42,\"text\":\"hi\"}", "clientMsgId");
            bodies.put("{\"clientMsgId\":false,\"text\":\"hi\"}", "clientMsgId");
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":\"hi\",\"author\":\"the owner\"}", "author");
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":\"hi\",\"Text\":\"hi\"}", "Text");
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":\"hi\",\"text\":\"there\"}", "text");
            bodies.put("{\"clientMsgId\":\"api-1\",\"clientMsgId\":\"api-2\",\"text\":\"hi\"}", "clientMsgId");
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":\"hi\"} {\"text\":\"more\"}", null);
            bodies.put("[{\"clientMsgId\":\"api-1\",\"text\":\"hi\"}]", null);
            bodies.put("\"hi\"", null);
            bodies.put("{\"clientMsgId\":\"api-1\",\"text\":\"hi\"", null);
            for (Map.Entry<String, String> body : bodies.entrySet()) {
                HttpResponse<String> answer = api.postJson(path, body.getKey());
                assertThat(answer.statusCode()).as("answer to %s: %s", body.getKey(), answer.body()).isEqualTo(400);
                JsonNode problem = JSON.readTree(answer.body());
                assertThat(problem.path("code").asString()).as("problem for %s", body.getKey()).isEqualTo("bad_body");
                assertThat(problem.path("detail").asString()).isNotBlank().doesNotContain("tools.jackson");
                if (body.getValue() != null) {
                    assertThat(problem.path("field").asString()).as("field named for %s", body.getKey())
                        .isEqualTo(body.getValue());
                    assertThat(problem.path("detail").asString()).contains("\"" + body.getValue() + "\"");
                }
            }

            assertThat(quietThenBarrier(agent)).as("frames the watching agent received").isEmpty();
            assertThat(seqs(stored(context, tenant.workspaceId(), conversation))).containsExactly(1L);
            // the control: the same call, well formed, is accepted
            HttpResponse<String> accepted = api.postJson(path, "{\"clientMsgId\":\"api-1\",\"text\":\"5\"}");
            assertThat(accepted.statusCode()).isEqualTo(201);
            assertThat(stored(context, tenant.workspaceId(), conversation).getLast().text()).isEqualTo("5");
            assertThat(List.of(agent.isClosed(), visitor.socket().isClosed())).containsOnly(false);
        }
    }

}
