package org.confidant.identity;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted workspace's links, security policies and memberships (last: the other
 * modules' rows refer to members). Accounts stay, with their second factors: a person may
 * belong to other workspaces.
 */
@Component
class MembershipDeletion {

    private final JdbcClient jdbc;

    MembershipDeletion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Order(50)
    void on(WorkspaceDeleted event) {
        jdbc.sql("delete from one_time_link where workspace_id = ?").param(event.workspaceId().value()).update();
        jdbc.sql("delete from workspace_security where workspace_id = ?").param(event.workspaceId().value()).update();
        jdbc.sql("delete from notification_preference where workspace_id = ?")
            .param(event.workspaceId().value())
            .update();
        jdbc.sql("delete from member where workspace_id = ?").param(event.workspaceId().value()).update();
    }

}
