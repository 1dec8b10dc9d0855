/**
 * Workspaces: the tenants of a Confidant deployment. Creates them, answers whether any
 * exist yet (first start), cancels them (inaccessible at once,
 * {@link org.confidant.workspace.WorkspaceCancelled}; undoable during a grace period,
 * {@link org.confidant.workspace.WorkspaceRestored}) and deletes them: every module
 * removes its rows on {@link org.confidant.workspace.WorkspaceDeleted}, then the
 * workspace's keys are destroyed (crypto-shredding) and
 * {@link org.confidant.workspace.WorkspaceShredded} says it is gone. Each workspace says
 * how much of an IP address it keeps ({@link org.confidant.workspace.IpMode}, changed on
 * the privacy settings page), which every module that would store or show an address
 * applies.
 */
@ApplicationModule(displayName = "Workspaces", allowedDependencies = { "crypto::api", "tenancy::api" })
@NullMarked
package org.confidant.workspace;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
