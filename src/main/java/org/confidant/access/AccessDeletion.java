package org.confidant.access;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted workspace's overrides, scopes and inbox memberships, before the
 * inboxes and members they name.
 */
@Component
class AccessDeletion {

    private final AccessRules rules;

    AccessDeletion(AccessRules rules) {
        this.rules = rules;
    }

    @EventListener
    @Order(35)
    void on(WorkspaceDeleted event) {
        rules.deleteWorkspace(event.workspaceId());
    }

}
