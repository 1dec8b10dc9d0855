package org.confidant.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.TestDatabase;
import org.confidant.access.AccessManagement;
import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.reply.SavedReplyManagement.Scope;
import org.confidant.shared.AuditAction;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Saved replies: the workspace's for every member (changed with replies.manage), each
 * member's own for them alone, another workspace's nowhere; bad names, bodies and
 * variables refused with nothing stored; bodies encrypted; variables filled for the
 * conversation, the contact's email only for a member who may read contacts.
 */
@IntegrationTest
class SavedReplyIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    SavedReplyManagement replies;

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

    Member owner;

    Member agent;

    Member colleague;

    Inbox shop;

    ConversationId inShop;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        shop = fixtures.liveInbox(owner, "shop.test");
        agent = fixtures.agent(owner, "Ana Agent");
        colleague = fixtures.agent(owner, "Cole League");
        fixtures.joinInbox(owner, shop.id(), agent, colleague);
        var visitor = contacts.createVisitor(owner.workspaceId(), shop.id(), "203.0.113.9");
        contacts.updateDetails(owner.workspaceId(), visitor.id(), owner.id(), "Grace Hopper", "grace@example.com", "");
        inShop = conversations.postFromVisitor(owner.workspaceId(), shop.id(), visitor.id(), "v-1", "Where is it?")
            .message()
            .conversationId();
    }

    @Test
    void aWorkspaceReplyServesEveryMemberFilledForTheConversationAndIsAudited() {
        SavedReply reply = replies.add(fixtures.grants(owner), Scope.WORKSPACE, "thanks",
                "Hi {{contact.name}} ({{ contact.email }}), {{agent.name}} of {{inbox.name}} here.");

        assertThat(replies.usable(fixtures.grants(agent))).extracting(SavedReply::name, SavedReply::personal)
            .containsExactly(tuple("thanks", false));
        assertThat(replies.fill(fixtures.grants(agent), inShop, "thanks"))
            .isEqualTo("Hi Grace Hopper (grace@example.com), Ana Agent of shop.test here.");
        assertThat(published.of(SavedReplyChanged.class, owner.workspaceId()).map(e -> e.auditRecord())).singleElement()
            .satisfies(record -> {
                assertThat(record.action()).isEqualTo(AuditAction.SAVED_REPLY_ADDED);
                assertThat(record.details()).containsEntry("name", "thanks")
                    .containsEntry("scope", "workspace")
                    .doesNotContainValue(reply.body());
                assertThat(record.toString()).doesNotContain("contact.email");
            });
    }

    @Test
    void theContactsEmailIsFilledOnlyForAMemberWhoMayReadContacts() {
        replies.add(fixtures.grants(owner), Scope.WORKSPACE, "mail", "We write to {{contact.email}}.");
        access.setOverride(fixtures.grants(owner), agent.id(), Permission.CONTACTS_READ, false);

        assertThat(replies.fill(fixtures.grants(agent), inShop, "mail")).isEqualTo("We write to .");
        assertThat(replies.fill(fixtures.grants(colleague), inShop, "mail"))
            .isEqualTo("We write to grace@example.com.");
    }

    @Test
    void aMembersOwnReplyIsInvisibleAndUnusableToAColleague() {
        SavedReply mine = replies.add(fixtures.grants(agent), Scope.PERSONAL, "sig", "– {{agent.name}}");

        assertThat(replies.usable(fixtures.grants(agent))).extracting(SavedReply::name).containsExactly("sig");
        assertThat(replies.usable(fixtures.grants(colleague))).isEmpty();
        assertThat(replies.usable(fixtures.grants(owner))).as("not even the owner sees it").isEmpty();
        assertThatThrownBy(() -> replies.fill(fixtures.grants(colleague), inShop, "sig")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> replies.change(fixtures.grants(owner), mine.id(), "sig", "hijacked"))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> replies.delete(fixtures.grants(colleague), mine.id())).isInstanceOf(NotFound.class);
        assertThat(replies.fill(fixtures.grants(agent), inShop, "sig")).isEqualTo("– Ana Agent");

        replies.change(fixtures.grants(agent), mine.id(), "signature", "Best, {{agent.name}}");
        assertThat(replies.fill(fixtures.grants(agent), inShop, "signature")).isEqualTo("Best, Ana Agent");
        replies.delete(fixtures.grants(agent), mine.id());
        assertThat(replies.usable(fixtures.grants(agent))).isEmpty();
    }

    @Test
    void aMembersOwnReplyComesBeforeTheWorkspacesOfTheSameName() {
        replies.add(fixtures.grants(owner), Scope.WORKSPACE, "hi", "Hello from the team.");
        replies.add(fixtures.grants(agent), Scope.PERSONAL, "hi", "Hello, Ana here.");

        assertThat(replies.fill(fixtures.grants(agent), inShop, "hi")).isEqualTo("Hello, Ana here.");
        assertThat(replies.fill(fixtures.grants(colleague), inShop, "hi")).isEqualTo("Hello from the team.");
    }

    @Test
    void anotherWorkspacesRepliesAndConversationsAreNotFound() {
        SavedReply ours = replies.add(fixtures.grants(owner), Scope.WORKSPACE, "thanks", "Thanks!");
        Member stranger = fixtures.workspaceWithOwner();
        replies.add(fixtures.grants(stranger), Scope.WORKSPACE, "theirs", "Theirs.");

        assertThat(replies.usable(fixtures.grants(stranger))).extracting(SavedReply::name).containsExactly("theirs");
        assertThatThrownBy(() -> replies.change(fixtures.grants(stranger), ours.id(), "thanks", "Mine now"))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> replies.delete(fixtures.grants(stranger), ours.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> replies.fill(fixtures.grants(stranger), inShop, "theirs")).as("a foreign conversation")
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> replies.fill(fixtures.grants(owner), inShop, "theirs")).as("a foreign reply's name")
            .isInstanceOf(NotFound.class);
        assertThat(replies.fill(fixtures.grants(owner), inShop, "thanks")).isEqualTo("Thanks!");
    }

    @Test
    void onlyReplyManagersChangeTheWorkspacesReplies() {
        assertThatThrownBy(() -> replies.add(fixtures.grants(agent), Scope.WORKSPACE, "team", "Hi"))
            .isInstanceOf(Forbidden.class);
        SavedReply team = replies.add(fixtures.grants(owner), Scope.WORKSPACE, "team", "Hi");
        assertThatThrownBy(() -> replies.change(fixtures.grants(agent), team.id(), "team", "Changed"))
            .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> replies.delete(fixtures.grants(agent), team.id())).isInstanceOf(Forbidden.class);
        access.setOverride(fixtures.grants(owner), agent.id(), Permission.REPLIES_MANAGE, true);
        replies.change(fixtures.grants(agent), team.id(), "team", "Changed");
        assertThat(replies.fill(fixtures.grants(colleague), inShop, "team")).isEqualTo("Changed");
    }

    @Test
    void aConversationOutsideTheMembersScopeIsNotFound() {
        replies.add(fixtures.grants(owner), Scope.WORKSPACE, "thanks", "Thanks!");
        Member elsewhere = fixtures.agent(owner, "Else Where");
        fixtures.joinInbox(owner, fixtures.liveInbox(owner, "other.test").id(), elsewhere);

        assertThatThrownBy(() -> replies.fill(fixtures.grants(elsewhere), inShop, "thanks"))
            .isInstanceOf(NotFound.class);
    }

    @Test
    void badRepliesAreRefusedWithNothingStored() {
        var grants = fixtures.grants(owner);
        assertRefused(() -> replies.add(grants, Scope.WORKSPACE, "hi", "Hello {{contact.phone}}"), "unknown_variable",
                "{{contact.phone}}");
        assertRefused(() -> replies.add(grants, Scope.PERSONAL, "hi", "Hello {{ CONTACT.NAME }}"), "unknown_variable",
                "{{CONTACT.NAME}}");
        assertRefused(() -> replies.add(grants, Scope.WORKSPACE, "long", "x".repeat(5_001)), "reply_too_long", "5000");
        assertRefused(() -> replies.add(grants, Scope.WORKSPACE, "Hi There", "Hello"), "bad_reply_name", "a-z");
        assertRefused(() -> replies.add(grants, Scope.WORKSPACE, "/hi", "Hello"), "bad_reply_name", "a-z");
        assertRefused(() -> replies.add(grants, Scope.WORKSPACE, "blank", " \n "), "reply_empty", "text");
        assertRefused(() -> replies.add(grants, Scope.WORKSPACE, "nul", "a\u0000b"), "reply_control_characters",
                "control");
        assertRefused(() -> replies.add(grants, Scope.WORKSPACE, "broken", "a\uD800b"), "malformed_text", "");
        assertThat(storedRows()).isZero();

        SavedReply kept = replies.add(grants, Scope.WORKSPACE, "hi", "Hello");
        assertRefused(() -> replies.add(grants, Scope.WORKSPACE, "hi", "Again"), "reply_name_taken", "hi");
        assertRefused(() -> replies.change(grants, kept.id(), "hi", "Hello {{order.id}}"), "unknown_variable",
                "{{order.id}}");
        assertRefused(() -> replies.change(grants, kept.id(), "hi", "y".repeat(5_001)), "reply_too_long", "5000");
        assertThat(replies.usable(grants)).extracting(SavedReply::name, SavedReply::body)
            .containsExactly(tuple("hi", "Hello"));
        assertThat(storedRows()).isOne();
        assertThat(published.of(SavedReplyChanged.class, owner.workspaceId())).hasSize(1);
        // exactly at the limit is a reply
        assertThat(replies.add(grants, Scope.PERSONAL, "long", "z".repeat(5_000)).body()).hasSize(5_000);
    }

    @Test
    void theStoredBodyIsCiphertext() {
        SavedReply reply = replies.add(fixtures.grants(owner), Scope.WORKSPACE, "secret",
                "The door code is 4711, {{contact.name}}");
        byte[] stored = TestDatabase.allRows(() -> JdbcClient.create(dataSource)
            .sql("select body from saved_reply where id = ?")
            .param(reply.id().value())
            .query(byte[].class)
            .single());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("door")
            .doesNotContain("4711")
            .doesNotContain("contact.name");
        assertThat(replies.usable(fixtures.grants(owner))).extracting(SavedReply::body)
            .containsExactly("The door code is 4711, {{contact.name}}");
    }

    @Test
    void aMembersOwnRepliesGoWithTheirMembership() {
        replies.add(fixtures.grants(agent), Scope.PERSONAL, "sig", "– Ana");
        replies.add(fixtures.grants(owner), Scope.WORKSPACE, "team", "Hi");
        access.remove(fixtures.grants(owner), agent.id());

        assertThat(storedRows()).isOne();
    }

    private long storedRows() {
        return TestDatabase.allRows(() -> JdbcClient.create(dataSource)
            .sql("select count(*) from saved_reply where workspace_id = ?")
            .param(owner.workspaceId().value())
            .query(Long.class)
            .single());
    }

    private static void assertRefused(Runnable action, String code, String saying) {
        assertThatThrownBy(action::run).isInstanceOf(Rejected.class)
            .hasFieldOrPropertyWithValue("code", code)
            .hasMessageContaining(saying);
    }

}
