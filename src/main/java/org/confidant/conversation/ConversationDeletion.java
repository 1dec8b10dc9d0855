package org.confidant.conversation;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted workspace's conversations, messages, notes, labels and read markers
 * (first: they refer to everything else).
 */
@Component
class ConversationDeletion {

    private final JdbcClient jdbc;

    ConversationDeletion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Order(10)
    void on(WorkspaceDeleted event) {
        for (String table : new String[] { "conversation_read", "conversation_note", "conversation_labelling",
                "message", "conversation", "conversation_label" }) {
            jdbc.sql("delete from " + table + " where workspace_id = ?").param(event.workspaceId().value()).update();
        }
    }

}
