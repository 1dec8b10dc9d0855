package org.confidant.identity;

import org.springframework.modulith.NamedInterface;

/**
 * A member's role in a workspace. What each role may do is the {@code access} module's
 * permission catalogue; identity only keeps the invariant that a workspace always has an
 * owner.
 */
@NamedInterface("api")
public enum Role {

    /** Runs the workspace; the only role that can make or unmake owners. */
    OWNER,
    /** Manages members, inboxes and security policies. */
    ADMIN,
    /** Supervises the conversations of every inbox. */
    MANAGER,
    /** Answers the conversations of their inboxes. */
    AGENT

}
