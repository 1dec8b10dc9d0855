/**
 * Access: what each member of a workspace may do and see. A member's
 * {@link org.confidant.access.Grants} come from their role's permissions
 * ({@link org.confidant.access.Permission} is the published catalogue; {@code
 * docs/permissions.md} is generated from it), their per-member overrides, their
 * conversation scope and the inboxes they belong to; they are read afresh for every
 * request and refreshed on open sockets when an
 * {@link org.confidant.access.AccessChanged} event says they changed, so a change applies
 * at once. Managing members lives here too, as authorise, act, audit: nobody grants what
 * they do not hold, nobody changes their own access, and a workspace always keeps an
 * owner.
 */
@ApplicationModule(displayName = "Access",
        allowedDependencies = { "identity::api", "identity::membership", "signin::api", "system::api",
                "workspace::api" })
@NullMarked
package org.confidant.access;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
