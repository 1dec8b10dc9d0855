package org.confidant.lifecycle;

import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted workspace's policies, holds, purge runs, receipts and exports (first:
 * policies refer to its inboxes).
 */
@Component
class LifecycleDeletion {

    private final RetentionPolicies policies;

    private final LegalHolds holds;

    private final PurgeRuns runs;

    private final ErasureReceipts receipts;

    private final DataExports exports;

    private final ExportFiles files;

    LifecycleDeletion(RetentionPolicies policies, LegalHolds holds, PurgeRuns runs, ErasureReceipts receipts,
            DataExports exports, ExportFiles files) {
        this.policies = policies;
        this.holds = holds;
        this.runs = runs;
        this.receipts = receipts;
        this.exports = exports;
        this.files = files;
    }

    @EventListener
    @Order(1)
    void on(WorkspaceDeleted event) {
        policies.deleteWorkspace(event.workspaceId());
        holds.deleteWorkspace(event.workspaceId());
        runs.deleteWorkspace(event.workspaceId());
        receipts.deleteWorkspace(event.workspaceId());
        exports.deleteWorkspace(event.workspaceId());
        files.deleteWorkspace(event.workspaceId());
    }

}
