package org.confidant.reply;

import org.confidant.access.MemberRemoved;
import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes a member's own saved replies when their membership ends, and a deleted
 * workspace's replies (before its members go).
 */
@Component
class SavedReplyDeletion {

    private final SavedReplies replies;

    SavedReplyDeletion(SavedReplies replies) {
        this.replies = replies;
    }

    @EventListener
    void on(MemberRemoved event) {
        replies.deleteOwnedBy(event.workspaceId(), event.memberId());
    }

    @EventListener
    @Order(10)
    void on(WorkspaceDeleted event) {
        replies.deleteAll(event.workspaceId());
    }

}
