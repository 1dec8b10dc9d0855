package org.confidant.audit;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A deleted workspace's log goes with it, after every other module has removed its rows
 * (the log refers only to the workspace). This and retention are the only deletions of
 * entries.
 */
@Component
class AuditDeletion {

    private final AuditEntries entries;

    AuditDeletion(AuditEntries entries) {
        this.entries = entries;
    }

    @EventListener
    @Order(60)
    void on(WorkspaceDeleted event) {
        entries.deleteWorkspace(event.workspaceId());
    }

}
