package org.confidant.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A service acts in the workspace its first argument names, and refuses one that is not
 * the workspace the request (or frame) authenticated: a workspace id taken from anywhere
 * else fails loudly, on every database.
 */
@IntegrationTest
class WorkspaceBoundaryIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    InboxManagement inboxes;

    @Test
    void aServiceCalledForAnotherWorkspaceThanTheAuthenticatedOneRefuses() {
        Member mine = fixtures.workspaceWithOwner();
        Member other = fixtures.workspaceWithOwner();

        assertThatThrownBy(() -> Tenancy.run(mine.workspaceId(),
                () -> conversations.find(other.workspaceId(), ConversationId.of(UUID.randomUUID().toString()))))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                () -> Tenancy.run(mine.workspaceId(), () -> inboxes.create(fixtures.grants(other), "planted")))
            .isInstanceOf(IllegalStateException.class);
        assertThat(inboxes.list(other.workspaceId())).isEmpty();
        // in its own workspace, the same call works
        assertThat(Tenancy.run(mine.workspaceId(), () -> inboxes.list(mine.workspaceId()))).isEmpty();
    }

}
