/**
 * Workspaces: the tenants of a Confidant deployment. Creates them, answers whether any exist yet (first start), and
 * deletes them: every module removes its rows on {@link org.confidant.workspace.WorkspaceDeleted}, then the
 * workspace's keys are destroyed (crypto-shredding). Later issues add cancellation, scheduled purge and plan limits.
 * Depends on {@code crypto}, {@code tenancy} and {@code shared}.
 */
package org.confidant.workspace;
