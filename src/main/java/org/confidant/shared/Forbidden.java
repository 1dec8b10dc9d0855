package org.confidant.shared;

/**
 * The signed-in member may not do this: a permission they lack, or a rule of the
 * workspace (nobody grants what they do not hold). Only for capabilities: an object
 * outside the member's reach is {@link NotFound}, so that nobody learns it exists.
 */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message, null, false, false);
    }

    public static Forbidden lacking(String permission) {
        return new Forbidden("This needs the permission " + permission + ".");
    }

}
