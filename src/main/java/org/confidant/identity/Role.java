package org.confidant.identity;

/** What a member may do in a workspace. The identity-and-access issue widens this to a permission catalogue. */
public enum Role {
    /** Runs the workspace: inboxes, members, and everything an agent does. */
    OWNER,
    /** Answers conversations. */
    AGENT
}
