package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.contact.ContactManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The conversation list narrowed by inbox, label and assignee, combined with its filter
 * (status), each a further condition within the member's scope: never a way to see what
 * the scope hides.
 */
@IntegrationTest
class ConversationFiltersIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    LabelManagement labels;

    @Autowired
    ContactManagement contacts;

    Member owner;

    Member agent;

    Member outsider;

    Inbox shop;

    Inbox other;

    ConversationId openInShop;

    ConversationId resolvedInShop;

    ConversationId openInOther;

    Label vip;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        shop = fixtures.liveInbox(owner, "shop.test");
        other = fixtures.liveInbox(owner, "other.test");
        agent = fixtures.agent(owner, "Ana Agent");
        outsider = fixtures.agent(owner, "Oto Outsider");
        fixtures.joinInbox(owner, shop.id(), agent);
        fixtures.joinInbox(owner, other.id(), outsider);
        openInShop = conversationIn(shop);
        resolvedInShop = conversationIn(shop);
        openInOther = conversationIn(other);
        conversations.resolve(fixtures.grants(owner), resolvedInShop);
        vip = labels.add(fixtures.grants(owner), "vip", LabelColour.PINK);
        labels.apply(fixtures.grants(owner), resolvedInShop, vip.id());
        labels.apply(fixtures.grants(owner), openInOther, vip.id());
        conversations.assign(fixtures.grants(owner), openInShop, agent.id());
    }

    @Test
    void refinementsCombineWithTheFilter() {
        var grants = fixtures.grants(owner);
        assertThat(ids(grants, ConversationFilter.ALL, ConversationRefinement.NONE))
            .containsExactlyInAnyOrder(openInShop, resolvedInShop, openInOther);
        assertThat(ids(grants, ConversationFilter.ALL, new ConversationRefinement(shop.id(), null, null, false)))
            .containsExactlyInAnyOrder(openInShop, resolvedInShop);
        assertThat(ids(grants, ConversationFilter.ALL, new ConversationRefinement(null, vip.id(), null, false)))
            .containsExactlyInAnyOrder(resolvedInShop, openInOther);
        assertThat(ids(grants, ConversationFilter.RESOLVED, new ConversationRefinement(null, vip.id(), null, false)))
            .containsExactly(resolvedInShop);
        assertThat(ids(grants, ConversationFilter.ALL, new ConversationRefinement(shop.id(), vip.id(), null, false)))
            .containsExactly(resolvedInShop);
        assertThat(ids(grants, ConversationFilter.OPEN, new ConversationRefinement(null, null, agent.id(), false)))
            .containsExactly(openInShop);
        assertThat(ids(grants, ConversationFilter.ALL, new ConversationRefinement(null, null, null, true)))
            .containsExactlyInAnyOrder(resolvedInShop, openInOther);
        assertThat(ids(grants, ConversationFilter.RESOLVED, new ConversationRefinement(null, null, agent.id(), false)))
            .isEmpty();
    }

    @Test
    void aRefinementNeverWidensTheMembersScope() {
        var agentGrants = fixtures.grants(agent);
        assertThat(ids(agentGrants, ConversationFilter.ALL, new ConversationRefinement(other.id(), null, null, false)))
            .as("an inbox the agent is not in")
            .isEmpty();
        assertThat(ids(agentGrants, ConversationFilter.ALL, new ConversationRefinement(null, vip.id(), null, false)))
            .as("a label one of whose conversations is out of scope")
            .containsExactly(resolvedInShop);
        assertThat(ids(fixtures.grants(outsider), ConversationFilter.ALL,
                new ConversationRefinement(null, null, agent.id(), false)))
            .as("a colleague's conversations elsewhere")
            .isEmpty();

        Member stranger = fixtures.workspaceWithOwner();
        var strangerGrants = fixtures.grants(stranger);
        assertThat(
                ids(strangerGrants, ConversationFilter.ALL, new ConversationRefinement(shop.id(), null, null, false)))
            .isEmpty();
        assertThat(ids(strangerGrants, ConversationFilter.ALL, new ConversationRefinement(null, vip.id(), null, false)))
            .isEmpty();
        assertThat(
                ids(strangerGrants, ConversationFilter.ALL, new ConversationRefinement(null, null, agent.id(), false)))
            .isEmpty();
    }

    private List<ConversationId> ids(org.confidant.access.Grants grants, ConversationFilter filter,
            ConversationRefinement refinement) {
        return conversations.list(grants, filter, refinement).stream().map(s -> s.conversation().id()).toList();
    }

    private ConversationId conversationIn(Inbox inbox) {
        var visitor = contacts.createVisitor(inbox.workspaceId(), inbox.id(), "203.0.113.9");
        return conversations.postFromVisitor(inbox.workspaceId(), inbox.id(), visitor.id(), "v-1", "Hello")
            .message()
            .conversationId();
    }

}
