package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestDatabase;
import org.confidant.access.AccessManagement;
import org.confidant.access.ConversationScope;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The side panel's earlier conversations of a contact: only those the member can read,
 * newest first, never the open one, and nothing for a conversation the member cannot
 * read.
 */
@IntegrationTest
class EarlierConversationsIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    Conversations stored;

    @Autowired
    ContactManagement contacts;

    @Autowired
    AccessManagement access;

    Member owner;

    Member assignedOnly;

    Inbox shop;

    Contact grace;

    ConversationId current;

    Conversation older;

    Conversation oldest;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        shop = fixtures.liveInbox(owner, "shop.test");
        assignedOnly = fixtures.agent(owner, "Ana Assigned");
        access.setScope(fixtures.grants(owner), assignedOnly.id(), ConversationScope.ASSIGNED);
        grace = contacts.createVisitor(owner.workspaceId(), shop.id(), "203.0.113.9");
        oldest = earlierOne(Instant.parse("2026-01-01T10:00:00Z"));
        older = earlierOne(Instant.parse("2026-02-01T10:00:00Z"));
        Conversation now = Conversation.opened(owner.workspaceId(), shop.id(), grace.id(),
                Instant.parse("2026-03-01T10:00:00Z"));
        insert(now);
        current = now.id();
    }

    @Test
    void theContactsOtherConversationsNewestFirst() {
        assertThat(conversations.earlier(fixtures.grants(owner), current)).extracting(Conversation::id)
            .containsExactly(older.id(), oldest.id());
    }

    @Test
    void onlyThoseTheMemberCanReadAndNothingForAConversationTheyCannot() {
        conversations.assign(fixtures.grants(owner), current, assignedOnly.id());
        conversations.assign(fixtures.grants(owner), oldest.id(), assignedOnly.id());

        assertThat(conversations.earlier(fixtures.grants(assignedOnly), current)).extracting(Conversation::id)
            .containsExactly(oldest.id());
        assertThatThrownBy(() -> conversations.earlier(fixtures.grants(assignedOnly), older.id()))
            .isInstanceOf(NotFound.class);
        Member stranger = fixtures.workspaceWithOwner();
        assertThatThrownBy(() -> conversations.earlier(fixtures.grants(stranger), current))
            .isInstanceOf(NotFound.class);
    }

    /** A conversation of Grace's that ended before (as a retention-free history). */
    private Conversation earlierOne(Instant at) {
        Conversation conversation = Conversation.opened(owner.workspaceId(), shop.id(), grace.id(), at)
            .with(ConversationStatus.RESOLVED, null);
        insert(conversation);
        return conversation;
    }

    /**
     * Stores it as the system would (on PostgreSQL, outside any member's workspace
     * scope).
     */
    private void insert(Conversation conversation) {
        TestDatabase.allRows(() -> {
            stored.insert(conversation);
            return null;
        });
    }

}
