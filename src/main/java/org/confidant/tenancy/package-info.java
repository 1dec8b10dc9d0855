/**
 * Tenancy: the second wall between workspaces. {@link org.confidant.tenancy.Tenancy}
 * holds the scope of the current thread (one workspace, or the named system scope of the
 * few cross-workspace paths); it is set from the authenticated principal for each
 * request, by the socket gateways for each frame, at every service method whose first
 * parameter names a workspace (refusing to switch from one workspace to another), and
 * explicitly by cross-workspace code ({@link org.confidant.tenancy.CrossWorkspace}). On
 * PostgreSQL every connection carries that scope into session settings that row-level
 * security policies on every tenant table enforce (see
 * {@code docs/adr/row-level-security.md}); no scope shows no rows.
 */
@ApplicationModule(displayName = "Tenancy", allowedDependencies = {})
@NullMarked
package org.confidant.tenancy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
