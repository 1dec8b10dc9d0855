package org.confidant.contact;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Removes a deleted workspace's contacts. */
@Component
class ContactDeletion {

    private final JdbcClient jdbc;

    ContactDeletion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Order(30)
    void on(WorkspaceDeleted event) {
        jdbc.sql("delete from contact_identity where workspace_id = ?").param(event.workspaceId().value()).update();
        jdbc.sql("delete from contact where workspace_id = ?").param(event.workspaceId().value()).update();
    }

}
