package org.confidant.widget;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Removes a deleted workspace's visitor sessions and blocked addresses. */
@Component
class VisitorSessionDeletion {

    private final JdbcClient jdbc;

    VisitorSessionDeletion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Order(20)
    void on(WorkspaceDeleted event) {
        jdbc.sql("delete from visitor_session where workspace_id = ?").param(event.workspaceId().value()).update();
        jdbc.sql("delete from visitor_address_block where workspace_id = ?")
            .param(event.workspaceId().value())
            .update();
    }

}
