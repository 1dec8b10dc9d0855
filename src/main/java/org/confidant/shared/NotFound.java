package org.confidant.shared;

/**
 * The object does not exist for the caller: unknown, or belonging to another workspace.
 * The two are never told apart (no existence oracle); the web layer answers 404.
 */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found", null, false, false);
    }

}
