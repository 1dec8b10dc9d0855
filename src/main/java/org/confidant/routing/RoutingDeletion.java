package org.confidant.routing;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted workspace's statuses and inbox routing, before its inboxes and
 * members go.
 */
@Component
class RoutingDeletion {

    private final JdbcClient jdbc;

    RoutingDeletion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Order(30)
    void on(WorkspaceDeleted event) {
        jdbc.sql("delete from member_status where workspace_id = ?").param(event.workspaceId().value()).update();
        jdbc.sql("delete from inbox_routing where workspace_id = ?").param(event.workspaceId().value()).update();
    }

}
