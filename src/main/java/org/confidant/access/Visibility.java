package org.confidant.access;

/**
 * Which conversations a member can read, from the widest read permission they hold and
 * their scope.
 */
public enum Visibility {

    /** Every conversation of the workspace. */
    ALL,
    /** The conversations of the member's inboxes, and those assigned to them. */
    INBOXES,
    /** The conversations assigned to the member. */
    ASSIGNED,
    /** None. */
    NONE

}
