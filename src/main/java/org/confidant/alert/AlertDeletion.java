package org.confidant.alert;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Removes a deleted workspace's alert rules, channels, alerts and deliveries. */
@Component
class AlertDeletion {

    private final JdbcClient jdbc;

    AlertDeletion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Order(5)
    void on(WorkspaceDeleted event) {
        for (String table : new String[] { "alert_delivery", "alert", "alert_channel", "alert_rule_setting",
                "alert_sign_in_failure" }) {
            jdbc.sql("delete from " + table + " where workspace_id = ?").param(event.workspaceId().value()).update();
        }
    }

}
