package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.checkError;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.helloFrame;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;

import java.time.Duration;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.job.JobId;
import org.confidant.job.JobTestSamples;
import org.confidant.lifecycle.CancellationManagement;
import org.confidant.lifecycle.ErasureManagement;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The data lifecycle on open sockets: an erased contact's chat tabs are told the chat
 * ended and closed, and its token resumes nothing, while another visitor of the same
 * inbox chats on; a cancelled workspace's visitors are closed the same way and a new
 * hello to its inbox finds nothing.
 */
@IntegrationTest
class LifecycleOnSocketsIntegrationTests {

    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    ErasureManagement erasures;

    @Autowired
    CancellationManagement cancellations;

    @Autowired
    WorkspaceManagement workspaces;

    @Test
    void anErasedContactsSocketsCloseAndItsTokenOpensNothingWhileABystanderChatsOn() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Visitor erased = hello(port, tenant.inboxId(), null);
        sendForAck(erased.socket(), visitorSend("v-1", "erase me later"));
        Visitor otherTab = hello(port, tenant.inboxId(), erased.token());
        Visitor bystander = hello(port, tenant.inboxId(), null);
        sendForAck(bystander.socket(), visitorSend("b-1", "still here"));

        JobId job = erasures.eraseContact(fixtures.grants(tenant.owner()), erased.contact().toString());
        JobTestSamples.untilFinished(context, tenant.owner(), job, Duration.ofSeconds(30));

        for (Visitor tab : new Visitor[] { erased, otherTab }) {
            checkError(tab.socket().next("error"), "chat_ended");
            assertThat(tab.socket().awaitCloseCode(CLOSE_WITHIN)).isEqualTo(4403);
        }
        assertThat(sendForAck(bystander.socket(), visitorSend("b-2", "and still")).path("type").asString())
            .isEqualTo("ack");
        // the erased token resumes nothing: like any unknown token, a new anonymous
        // visitor
        try (Visitor afterwards = hello(port, tenant.inboxId(), erased.token())) {
            assertThat(afterwards.contact()).isNotEqualTo(erased.contact());
            assertThat(afterwards.welcome().get("conversation").isNull()).isTrue();
        }
        bystander.close();
    }

    @Test
    void aCancelledWorkspacesVisitorsAreClosedAndItsInboxFindsNoNewOne() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Visitor visitor = hello(port, tenant.inboxId(), null);
        sendForAck(visitor.socket(), visitorSend("v-1", "hello"));
        String name = workspaces.find(tenant.workspaceId()).orElseThrow().name();

        cancellations.cancel(fixtures.grants(tenant.owner()), Fixtures.PASSWORD, name, "127.0.0.1");

        checkError(visitor.socket().next("error"), "chat_ended");
        assertThat(visitor.socket().awaitCloseCode(CLOSE_WITHIN)).isEqualTo(4403);
        try (TestSocket again = TestSocket.visitor(port)) {
            again.send(helloFrame(tenant.inboxId(), null));
            checkError(again.next(), "inbox_not_found");
        }
    }

}
