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

    private final SsoProviders providers;

    SsoDeletion(SsoProviders providers) {
        this.providers = providers;
    }

    @EventListener
    @Order(45)
    void on(WorkspaceDeleted event) {
        providers.deleteProviders(event.workspaceId());
    }

}
