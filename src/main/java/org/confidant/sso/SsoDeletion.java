package org.confidant.sso;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted workspace's provider. Identities stay, like the accounts they belong
 * to.
 */
@Component
class SsoDeletion {

    private final SsoRecords records;

    SsoDeletion(SsoRecords records) {
        this.records = records;
    }

    @EventListener
    @Order(45)
    void on(WorkspaceDeleted event) {
        records.deleteProviders(event.workspaceId());
    }

}
