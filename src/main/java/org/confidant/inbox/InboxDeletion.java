package org.confidant.inbox;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Removes a deleted workspace's inboxes and their allowed origins. */
@Component
class InboxDeletion {

    private final JdbcClient jdbc;

    InboxDeletion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Order(40)
    void on(WorkspaceDeleted event) {
        jdbc.sql("delete from inbox_identity_key where workspace_id = ?").param(event.workspaceId().value()).update();
        jdbc.sql("delete from inbox_allowed_origin where workspace_id = ?").param(event.workspaceId().value()).update();
        jdbc.sql("delete from inbox where workspace_id = ?").param(event.workspaceId().value()).update();
    }

}
