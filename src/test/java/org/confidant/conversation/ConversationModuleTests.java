package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

/**
 * The conversation module on its own, with only the modules it depends on (no sockets,
 * widget, inboxes or audit): posting is durable, ordered and idempotent, and each post is
 * announced with {@link MessagePosted} and {@link ConversationChanged}, which is all the
 * real-time module needs of it.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ConversationModuleTests {

    @Autowired
    ConversationManagement conversations;

    @Autowired
    ContactManagement contacts;

    @Autowired
    WorkspaceManagement workspaces;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aVisitorsFirstMessageOpensTheConversationAndIsAnnouncedWithItsSequenceNumber(Scenario scenario) {
        Visitor visitor = newVisitor();
        scenario
            .stimulate(() -> conversations.postFromVisitor(visitor.workspace(), visitor.inbox(), visitor.contact().id(),
                    "c-1", "Where is my order?"))
            .andWaitForEventOfType(MessagePosted.class)
            .matching(posted -> posted.message().clientMsgId().equals("c-1"))
            .toArriveAndVerify((posted, result) -> {
                assertThat(posted.message().seq()).isEqualTo(1);
                assertThat(posted.message().text()).isEqualTo("Where is my order?");
                assertThat(posted.conversation().lastSeq()).isEqualTo(1);
                assertThat(result.duplicate()).isFalse();
            });
    }

    @Test
    void aResentMessageIsStoredOnceAndAnnouncedOnce(Scenario scenario) {
        Visitor visitor = newVisitor();
        PostResult first = conversations.postFromVisitor(visitor.workspace(), visitor.inbox(), visitor.contact().id(),
                "same", "Hello");
        scenario
            .stimulate(() -> conversations.postFromVisitor(visitor.workspace(), visitor.inbox(), visitor.contact().id(),
                    "next", "Anyone there?"))
            .andWaitForEventOfType(MessagePosted.class)
            .matching(posted -> posted.message().clientMsgId().equals("next"))
            .toArriveAndVerify((posted, events) -> {
                PostResult again = conversations.postFromVisitor(visitor.workspace(), visitor.inbox(),
                        visitor.contact().id(), "same", "Hello");
                assertThat(again.duplicate()).as("the same clientMsgId").isTrue();
                assertThat(again.message().seq()).isEqualTo(first.message().seq());
                assertThat(posted.message().seq()).isEqualTo(2);
                assertThat(conversations.messagesAfter(visitor.workspace(), posted.conversation().id(), 0))
                    .extracting(Message::text)
                    .containsExactly("Hello", "Anyone there?");
            });
    }

    /**
     * A workspace with an inbox (a row: the inbox module is not started here) and a
     * visitor of it.
     */
    private Visitor newVisitor() {
        WorkspaceId workspace = workspaces.create("Module test").id();
        InboxId inbox = InboxId.random();
        Tenancy.run(workspace,
                () -> jdbc.sql("insert into inbox (id, workspace_id, name, created_at) values (?, ?, ?, ?)")
                    .params(inbox.value(), workspace.value(), "Website", Timestamps.toDatabase(Instant.now()))
                    .update());
        return new Visitor(workspace, inbox, contacts.createVisitor(workspace, inbox, "192.0.2.10"));
    }

    private record Visitor(WorkspaceId workspace, InboxId inbox, Contact contact) {
    }

}
