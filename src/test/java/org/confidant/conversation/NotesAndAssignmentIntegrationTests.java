package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sql.DataSource;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.TestDatabase;
import org.confidant.access.AccessManagement;
import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Forbidden;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Internal notes (members of the conversation only, encrypted, never in what serves the
 * visitor), assignment to a colleague within scope, and the audit records of assign,
 * resolve and reopen.
 */
@IntegrationTest
class NotesAndAssignmentIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    ContactManagement contacts;

    @Autowired
    AccessManagement access;

    @Autowired
    PublishedEvents published;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext context;

    Member owner;

    Inbox shop;

    Inbox support;

    Member agent;

    Member otherInbox;

    ConversationId inShop;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        shop = fixtures.liveInbox(owner, "shop.test");
        support = fixtures.liveInbox(owner, "support.test");
        agent = fixtures.agent(owner, "Ana Agent");
        otherInbox = fixtures.agent(owner, "Oto Other");
        fixtures.joinInbox(owner, shop.id(), agent);
        fixtures.joinInbox(owner, support.id(), otherInbox);
        var visitor = contacts.createVisitor(owner.workspaceId(), shop.id(), "203.0.113.9");
        inShop = conversations.postFromVisitor(owner.workspaceId(), shop.id(), visitor.id(), "v-1", "Where is it?")
            .message()
            .conversationId();
    }

    @Test
    void aNoteIsForTheConversationsMembersEncryptedAndNeverInTheVisitorsThread() {
        Note note = conversations.addNote(fixtures.grants(agent), inShop, "n-1", "Refund approved by **finance**");

        assertThat(conversations.notes(fixtures.grants(owner), inShop)).extracting(Note::text, Note::authorName)
            .containsExactly(tuple("Refund approved by **finance**", "Ana Agent"));
        assertThatThrownBy(() -> conversations.notes(fixtures.grants(otherInbox), inShop))
            .as("an agent of another inbox finds no notes, as no conversation")
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> conversations.addNote(fixtures.grants(otherInbox), inShop, "n-2", "sneaky"))
            .isInstanceOf(NotFound.class);
        Member stranger = fixtures.workspaceWithOwner();
        assertThatThrownBy(() -> conversations.addNote(fixtures.grants(stranger), inShop, "n-3", "foreign"))
            .isInstanceOf(NotFound.class);

        assertThat(conversations.messagesAfter(owner.workspaceId(), inShop, 0)).as("what the visitor catches up on")
            .extracting(Message::text)
            .containsExactly("Where is it?");
        assertThat(conversations.find(owner.workspaceId(), inShop).orElseThrow().lastSeq())
            .as("a note takes no place in the visitor's sequence")
            .isEqualTo(1);
        byte[] stored = TestDatabase.allRows(() -> JdbcClient.create(dataSource)
            .sql("select body from conversation_note where id = ?")
            .param(note.id())
            .query(byte[].class)
            .single());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Refund").doesNotContain("finance");
    }

    @Test
    void aCardNumberInANoteIsRedactedBeforeItIsStoredAndAResentNoteIsTheSame() {
        var grants = fixtures.grants(agent);
        Note note = conversations.addNote(grants, inShop, "n-card",
                "customer read out 4242 4242 4242 4242 on the phone");

        assertThat(note.text()).isEqualTo("customer read out [card ending 4242 removed] on the phone");
        assertThat(conversations.notes(fixtures.grants(owner), inShop)).extracting(Note::text)
            .containsExactly("customer read out [card ending 4242 removed] on the phone");
        assertThat(conversations.addNote(grants, inShop, "n-card", "customer read out 4242 4242 4242 4242 on the phone")
            .id()).as("the same note sent again").isEqualTo(note.id());
    }

    @Test
    void aNoteIsStoredOnceAndBadNotesChangeNothing() {
        var grants = fixtures.grants(agent);
        Note first = conversations.addNote(grants, inShop, "n-1", "Call back at 5");
        assertThat(conversations.addNote(grants, inShop, "n-1", "Call back at 5").id()).isEqualTo(first.id());
        assertThatThrownBy(() -> conversations.addNote(grants, inShop, "n-1", "Another text"))
            .isInstanceOf(Rejected.class)
            .hasFieldOrPropertyWithValue("code", "client_msg_id_conflict");
        assertThatThrownBy(() -> conversations.addNote(grants, inShop, "n-2", "x".repeat(5_001)))
            .isInstanceOf(Rejected.class)
            .hasFieldOrPropertyWithValue("code", "note_too_long");
        assertThatThrownBy(() -> conversations.addNote(grants, inShop, "n-3", " \n\u200b")).isInstanceOf(Rejected.class)
            .hasFieldOrPropertyWithValue("code", "note_empty");
        assertThatThrownBy(() -> conversations.addNote(grants, inShop, "n-4", "bad \ud800 text"))
            .isInstanceOf(Rejected.class)
            .hasFieldOrPropertyWithValue("code", "malformed_text");
        access.setOverride(fixtures.grants(owner), agent.id(), Permission.CONVERSATIONS_REPLY, false);
        assertThatThrownBy(() -> conversations.addNote(fixtures.grants(agent), inShop, "n-5", "no reply right"))
            .isInstanceOf(Forbidden.class);

        assertThat(conversations.notes(fixtures.grants(owner), inShop)).extracting(Note::text)
            .containsExactly("Call back at 5");
    }

    @Test
    void theAssigneeChoicesAreTheMembersWhoReadTheConversationWhereItIs() {
        Member colleague = fixtures.agent(owner, "Ben Colleague");
        fixtures.joinInbox(owner, shop.id(), colleague);

        assertThat(conversations.assignableMembers(fixtures.grants(owner), inShop)).extracting(Member::displayName)
            .as("the viewer first, then by name; not the agent of another inbox")
            .containsExactly(owner.displayName(), "Ana Agent", "Ben Colleague");
        assertThat(conversations.assignableMembers(fixtures.grants(agent), inShop))
            .as("an agent may only take conversations")
            .isEmpty();
        assertThatThrownBy(() -> conversations.assignableMembers(fixtures.grants(otherInbox), inShop))
            .isInstanceOf(NotFound.class);

        conversations.assign(fixtures.grants(owner), inShop, colleague.id());
        assertThat(conversations.find(owner.workspaceId(), inShop).orElseThrow().assignee()).isEqualTo(colleague.id());
    }

    @Test
    void anAssigneeWhoCannotReadConversationsIsRefusedAndNothingChanges() {
        Member blind = fixtures.agent(owner, "Bli Nd");
        fixtures.joinInbox(owner, shop.id(), blind);
        for (Permission read : List.of(Permission.CONVERSATIONS_READ_ALL, Permission.CONVERSATIONS_READ_INBOXES,
                Permission.CONVERSATIONS_READ_ASSIGNED)) {
            access.setOverride(fixtures.grants(owner), blind.id(), read, false);
        }

        assertThat(conversations.assignableMembers(fixtures.grants(owner), inShop)).extracting(Member::id)
            .doesNotContain(blind.id());
        assertThatThrownBy(() -> conversations.assign(fixtures.grants(owner), inShop, blind.id()))
            .isInstanceOf(Rejected.class)
            .hasFieldOrPropertyWithValue("code", "assignee_no_access");
        assertThatThrownBy(() -> conversations.assign(fixtures.grants(owner), inShop, MemberId.random()))
            .isInstanceOf(NotFound.class);
        assertThat(conversations.find(owner.workspaceId(), inShop).orElseThrow().assignee()).isNull();
        assertThat(published.of(ConversationAssigned.class, owner.workspaceId())).isEmpty();
    }

    @Test
    void assignResolveAndReopenAreAuditedWithWhoDidItAndToWhom() {
        conversations.assign(fixtures.grants(agent), inShop, agent.id());
        conversations.assign(fixtures.grants(owner), inShop, null);
        conversations.resolve(fixtures.grants(agent), inShop);
        conversations.resolve(fixtures.grants(agent), inShop); // already resolved:
                                                               // nothing to record
        conversations.reopen(fixtures.grants(owner), inShop);

        assertThat(published.of(ConversationAssigned.class, owner.workspaceId()).map(e -> e.auditRecord()))
            .extracting(r -> r.action(), r -> r.details().get("assignee"), r -> r.details().get("previous"))
            .containsExactly(tuple(AuditAction.CONVERSATION_ASSIGNED, agent.id().toString(), "none"),
                    tuple(AuditAction.CONVERSATION_ASSIGNED, "none", agent.id().toString()));
        assertThat(published.of(ConversationStatusChanged.class, owner.workspaceId()).map(e -> e.auditRecord()))
            .extracting(r -> r.action(), r -> r.actor())
            .containsExactly(tuple(AuditAction.CONVERSATION_RESOLVED, AuditActor.member(agent.id())),
                    tuple(AuditAction.CONVERSATION_REOPENED, AuditActor.member(owner.id())));
    }

    @Test
    void deletingTheWorkspaceDeletesItsNotes() {
        conversations.addNote(fixtures.grants(agent), inShop, "n-1", "Goes with the workspace");
        context.getBean(WorkspaceManagement.class).delete(owner.workspaceId());
        assertThat(TestDatabase.allRows(() -> JdbcClient.create(dataSource)
            .sql("select count(*) from conversation_note where workspace_id = ?")
            .param(owner.workspaceId().value())
            .query(Long.class)
            .single())).isZero();
    }

}
