package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.confidant.shared.ConversationId;
import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Labels on conversations: managed with labels.manage, put on and taken off by those who
 * may reply in the conversation, audited; bad names refused with nothing stored; another
 * workspace's labels and conversations, and conversations outside the member's scope, not
 * found; gone with their conversation and with their workspace.
 */
@IntegrationTest
class LabelIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    LabelManagement labels;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    ContactManagement contacts;

    @Autowired
    AccessManagement access;

    @Autowired
    WorkspaceManagement workspaces;

    @Autowired
    PublishedEvents published;

    @Autowired
    DataSource dataSource;

    Member owner;

    Member agent;

    Inbox shop;

    ConversationId inShop;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        shop = fixtures.liveInbox(owner, "shop.test");
        agent = fixtures.agent(owner, "Ana Agent");
        fixtures.joinInbox(owner, shop.id(), agent);
        inShop = conversationIn(shop);
    }

    @Test
    void aManagerAddsLabelsAnAgentPutsThemOnAndTakesThemOffAudited() {
        Label billing = labels.add(fixtures.grants(owner), "  Billing ", LabelColour.BLUE);
        Label bug = labels.add(fixtures.grants(owner), "bug", LabelColour.RED);
        assertThat(billing.name()).as("trimmed").isEqualTo("Billing");
        assertThat(labels.all(fixtures.grants(agent))).extracting(Label::name).containsExactly("Billing", "bug");

        labels.apply(fixtures.grants(agent), inShop, bug.id());
        labels.apply(fixtures.grants(agent), inShop, billing.id());
        labels.apply(fixtures.grants(agent), inShop, billing.id());
        assertThat(labels.of(fixtures.grants(owner), inShop)).containsExactly(billing, bug);
        labels.remove(fixtures.grants(agent), inShop, bug.id());
        labels.remove(fixtures.grants(agent), inShop, bug.id());
        assertThat(labels.of(fixtures.grants(agent), inShop)).containsExactly(billing);

        assertThat(published.of(LabelChanged.class, owner.workspaceId()).map(e -> e.auditRecord().action()))
            .containsExactly(AuditAction.LABEL_ADDED, AuditAction.LABEL_ADDED);
        assertThat(published.of(ConversationLabelled.class, owner.workspaceId()).map(e -> e.auditRecord()))
            .as("once each: putting on a label it carries, or taking off one it lacks, changes nothing")
            .satisfiesExactly(first -> {
                assertThat(first.action()).isEqualTo(AuditAction.CONVERSATION_LABELLED);
                assertThat(first.details()).containsEntry("name", "bug").containsEntry("label", bug.id().toString());
                assertThat(first.target()).isEqualTo("conversation:" + inShop);
            }, second -> assertThat(second.action()).isEqualTo(AuditAction.CONVERSATION_LABELLED),
                    third -> assertThat(third.action()).isEqualTo(AuditAction.CONVERSATION_UNLABELLED));
    }

    @Test
    void onlyLabelManagersChangeTheWorkspacesLabelsAndOnlyRepliersLabelConversations() {
        assertThatThrownBy(() -> labels.add(fixtures.grants(agent), "vip", LabelColour.PINK))
            .isInstanceOf(Forbidden.class);
        Label vip = labels.add(fixtures.grants(owner), "vip", LabelColour.PINK);
        assertThatThrownBy(() -> labels.change(fixtures.grants(agent), vip.id(), "VIP", LabelColour.GREEN))
            .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> labels.delete(fixtures.grants(agent), vip.id())).isInstanceOf(Forbidden.class);

        access.setOverride(fixtures.grants(owner), agent.id(), Permission.CONVERSATIONS_REPLY, false);
        assertThatThrownBy(() -> labels.apply(fixtures.grants(agent), inShop, vip.id())).isInstanceOf(Forbidden.class);
        assertThat(labels.of(fixtures.grants(owner), inShop)).isEmpty();

        access.setOverride(fixtures.grants(owner), agent.id(), Permission.LABELS_MANAGE, true);
        assertThat(labels.change(fixtures.grants(agent), vip.id(), "VIP", LabelColour.GREEN).colour())
            .isEqualTo(LabelColour.GREEN);
    }

    @Test
    void anotherWorkspacesLabelsAndConversationsAndOutOfScopeConversationsAreNotFound() {
        Label ours = labels.add(fixtures.grants(owner), "ours", LabelColour.GREY);
        Member stranger = fixtures.workspaceWithOwner();
        Label theirs = labels.add(fixtures.grants(stranger), "theirs", LabelColour.GREY);
        ConversationId theirConversation = conversationIn(fixtures.liveInbox(stranger, "their.test"));

        assertThat(labels.all(fixtures.grants(stranger))).containsExactly(theirs);
        assertThatThrownBy(() -> labels.change(fixtures.grants(stranger), ours.id(), "mine", LabelColour.RED))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> labels.delete(fixtures.grants(stranger), ours.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> labels.apply(fixtures.grants(owner), inShop, theirs.id()))
            .as("a foreign label on our conversation")
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> labels.apply(fixtures.grants(stranger), inShop, theirs.id()))
            .as("their label on our conversation")
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> labels.apply(fixtures.grants(owner), theirConversation, ours.id()))
            .isInstanceOf(NotFound.class);

        Member elsewhere = fixtures.agent(owner, "Else Where");
        fixtures.joinInbox(owner, fixtures.liveInbox(owner, "other.test").id(), elsewhere);
        labels.apply(fixtures.grants(owner), inShop, ours.id());
        assertThatThrownBy(() -> labels.remove(fixtures.grants(elsewhere), inShop, ours.id()))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> labels.of(fixtures.grants(elsewhere), inShop)).isInstanceOf(NotFound.class);
        assertThat(labels.of(fixtures.grants(elsewhere), java.util.List.of(inShop)))
            .as("the list's labels of an out-of-scope conversation")
            .isEmpty();
        assertThat(labels.of(fixtures.grants(agent), java.util.List.of(inShop))).containsKey(inShop);
    }

    @Test
    void badNamesAreRefusedWithNothingStored() {
        var grants = fixtures.grants(owner);
        assertRefused(() -> labels.add(grants, "", LabelColour.RED), "bad_label_name");
        assertRefused(() -> labels.add(grants, "   ", LabelColour.RED), "bad_label_name");
        assertRefused(() -> labels.add(grants, "x".repeat(41), LabelColour.RED), "bad_label_name");
        assertRefused(() -> labels.add(grants, "two\nlines", LabelColour.RED), "bad_label_name");
        assertRefused(() -> labels.add(grants, "nul\u0000", LabelColour.RED), "bad_label_name");
        assertRefused(() -> labels.add(grants, "bidi\u202e", LabelColour.RED), "bad_label_name");
        assertRefused(() -> labels.add(grants, "broken\uD800", LabelColour.RED), "malformed_text");
        assertRefused(() -> LabelColour.of("#ff0000"), "bad_label_colour");
        assertThat(storedLabels()).isZero();

        Label kept = labels.add(grants, "Refund", LabelColour.RED);
        assertRefused(() -> labels.add(grants, "REFUND", LabelColour.BLUE), "label_name_taken");
        assertRefused(() -> labels.add(grants, " refund ", LabelColour.BLUE), "label_name_taken");
        Label other = labels.add(grants, "Other", LabelColour.BLUE);
        assertRefused(() -> labels.change(grants, other.id(), "rEfUnD", LabelColour.BLUE), "label_name_taken");
        assertThat(labels.change(grants, kept.id(), "REFUND", LabelColour.RED).name())
            .as("its own name in another case")
            .isEqualTo("REFUND");
        // exactly at the limit, in code points
        assertThat(labels.add(grants, "\uD83D\uDE00".repeat(40), LabelColour.GREY).name()).hasSize(80);
        assertThat(storedLabels()).isEqualTo(3);
    }

    @Test
    void aWorkspaceHoldsAtMostTwoHundredLabels() {
        var grants = fixtures.grants(owner);
        for (int i = 0; i < LabelManagement.MAX_LABELS; i++) {
            labels.add(grants, "label " + i, LabelColour.GREY);
        }
        assertRefused(() -> labels.add(grants, "one too many", LabelColour.GREY), "too_many_labels");
        assertThat(storedLabels()).isEqualTo(200);
    }

    @Test
    void aDeletedLabelLeavesEveryConversationAndLinksGoWithTheirConversationAndWorkspace() {
        var grants = fixtures.grants(owner);
        Label gone = labels.add(grants, "gone", LabelColour.GREY);
        Label kept = labels.add(grants, "kept", LabelColour.GREY);
        ConversationId second = conversationIn(shop);
        labels.apply(grants, inShop, gone.id());
        labels.apply(grants, inShop, kept.id());
        labels.apply(grants, second, kept.id());

        labels.delete(grants, gone.id());
        assertThat(labels.of(grants, inShop)).containsExactly(kept);
        assertThat(published.of(LabelChanged.class, owner.workspaceId()).map(LabelChanged::change))
            .contains(LabelChanged.Change.DELETED);

        conversations.purge(owner.workspaceId(), java.util.List.of(inShop));
        assertThat(storedLinks()).as("the purged conversation's link went with it").isOne();

        workspaces.delete(owner.workspaceId());
        assertThat(storedLabels()).isZero();
        assertThat(storedLinks()).isZero();
    }

    private ConversationId conversationIn(Inbox inbox) {
        var visitor = contacts.createVisitor(inbox.workspaceId(), inbox.id(), "203.0.113.9");
        return conversations.postFromVisitor(inbox.workspaceId(), inbox.id(), visitor.id(), "v-1", "Hello")
            .message()
            .conversationId();
    }

    private long storedLabels() {
        return count("conversation_label");
    }

    private long storedLinks() {
        return count("conversation_labelling");
    }

    private long count(String table) {
        return TestDatabase.allRows(() -> JdbcClient.create(dataSource)
            .sql("select count(*) from " + table + " where workspace_id = ?")
            .param(owner.workspaceId().value())
            .query(Long.class)
            .single());
    }

    private static void assertRefused(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOf(Rejected.class).hasFieldOrPropertyWithValue("code", code);
    }

}
