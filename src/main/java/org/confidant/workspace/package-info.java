/**
 * Workspaces: the tenants of a Confidant deployment. Creates them and answers whether any exist yet (first start).
 * Later issues add cancellation, purge and plan limits here. Depends only on {@code shared}.
 */
package org.confidant.workspace;
