package org.confidant.job;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted workspace's jobs. A step of one that is running then finds its job
 * gone and changes nothing; its scheduler execution is dropped when next picked.
 */
@Component
class JobDeletion {

    private final Jobs jobs;

    JobDeletion(Jobs jobs) {
        this.jobs = jobs;
    }

    @EventListener
    @Order(5)
    void on(WorkspaceDeleted event) {
        jobs.deleteWorkspace(event.workspaceId());
    }

}
