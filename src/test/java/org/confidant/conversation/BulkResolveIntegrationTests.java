package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bulk resolve: every chosen conversation resolved and audited as by a single resolve, or
 * none when one of them is outside the member's scope (or another workspace's).
 */
@IntegrationTest
class BulkResolveIntegrationTests {

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

    Member owner;

    Member agent;

    Inbox shop;

    Inbox other;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        shop = fixtures.liveInbox(owner, "shop.test");
        other = fixtures.liveInbox(owner, "other.test");
        agent = fixtures.agent(owner, "Ana Agent");
        fixtures.joinInbox(owner, shop.id(), agent);
    }

    @Test
    void everyChosenConversationIsResolvedAndAuditedOnce() {
        ConversationId first = conversationIn(shop);
        ConversationId second = conversationIn(shop);
        ConversationId alreadyResolved = conversationIn(shop);
        conversations.resolve(fixtures.grants(owner), alreadyResolved);

        List<Conversation> resolved = conversations.resolveAll(fixtures.grants(agent),
                List.of(second, first, alreadyResolved, first));

        assertThat(resolved).extracting(Conversation::status).containsOnly(ConversationStatus.RESOLVED);
        assertThat(resolved).extracting(Conversation::id).containsExactlyInAnyOrder(first, second, alreadyResolved);
        assertThat(published.of(ConversationStatusChanged.class, owner.workspaceId())
            .filter(e -> e.actor().equals(agent.id()))
            .map(e -> {
                assertThat(e.auditRecord().action()).isEqualTo(AuditAction.CONVERSATION_RESOLVED);
                return e.conversationId();
            })).as("one record each; none for the one already resolved").containsExactlyInAnyOrder(first, second);
    }

    @Test
    void oneConversationOutOfScopeRefusesTheWholeRequestWithNothingChanged() {
        ConversationId mine = conversationIn(shop);
        ConversationId elsewhere = conversationIn(other);
        Member stranger = fixtures.workspaceWithOwner();
        ConversationId foreign = conversationIn(fixtures.liveInbox(stranger, "their.test"));

        assertThatThrownBy(() -> conversations.resolveAll(fixtures.grants(agent), List.of(mine, elsewhere)))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> conversations.resolveAll(fixtures.grants(owner), List.of(mine, foreign)))
            .isInstanceOf(NotFound.class);
        assertThat(status(mine)).isEqualTo(ConversationStatus.OPEN);
        assertThat(status(elsewhere)).isEqualTo(ConversationStatus.OPEN);
        assertThat(published.of(ConversationStatusChanged.class, owner.workspaceId())).isEmpty();

        access.setOverride(fixtures.grants(owner), agent.id(), Permission.CONVERSATIONS_RESOLVE, false);
        assertThatThrownBy(() -> conversations.resolveAll(fixtures.grants(agent), List.of(mine)))
            .isInstanceOf(Forbidden.class);
        assertThat(status(mine)).isEqualTo(ConversationStatus.OPEN);
    }

    @Test
    void anEmptyOrOversizedSelectionIsRefused() {
        assertThatThrownBy(() -> conversations.resolveAll(fixtures.grants(owner), List.of()))
            .isInstanceOf(Rejected.class)
            .hasFieldOrPropertyWithValue("code", "bad_selection");
        List<ConversationId> tooMany = Collections.nCopies(ConversationManagement.MAX_BULK + 1, null)
            .stream()
            .map(n -> ConversationId.random())
            .toList();
        assertThatThrownBy(() -> conversations.resolveAll(fixtures.grants(owner), tooMany)).isInstanceOf(Rejected.class)
            .hasFieldOrPropertyWithValue("code", "bad_selection");
    }

    private ConversationStatus status(ConversationId id) {
        return conversations.find(owner.workspaceId(), id).orElseThrow().status();
    }

    private ConversationId conversationIn(Inbox inbox) {
        var visitor = contacts.createVisitor(inbox.workspaceId(), inbox.id(), "203.0.113.9");
        return conversations.postFromVisitor(inbox.workspaceId(), inbox.id(), visitor.id(), "v-1", "Hello")
            .message()
            .conversationId();
    }

}
