package org.confidant.tenancy;

import java.util.Objects;
import java.util.function.Supplier;

import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * What the current thread may see: one workspace, or the named system scope of the few
 * paths that are cross-workspace by nature (sign-in by email, setup and invitation links,
 * the workspace switcher, resolving a public inbox id or an API token id, migrations,
 * scheduled sweepers). On PostgreSQL every statement runs with this scope, and row-level
 * security shows a tenant table's rows only to their own workspace or to the system
 * scope; with no scope, none.
 *
 * <p>
 * Only the system scope (or no scope) may enter a workspace: entering workspace B from
 * inside workspace A is a bug (a workspace id that did not come from the authenticated
 * context) and throws {@link IllegalStateException}. A workspace may enter the system
 * scope, which is always named, so that every cross-workspace path can be found.
 */
@NamedInterface("api")
public final class Tenancy {

    /** A workspace, or the system scope with the reason it is needed. */
    record Scope(WorkspaceId workspace, String systemReason) {

        static Scope of(WorkspaceId workspace) {
            return new Scope(Objects.requireNonNull(workspace, "workspace"), null);
        }

        static Scope system(String reason) {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("the system scope is always given a reason");
            }
            return new Scope(null, reason);
        }

        boolean isSystem() {
            return systemReason != null;
        }
    }

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private Tenancy() {
    }

    /** Runs {@code work} inside the workspace. */
    public static void run(WorkspaceId workspace, Runnable work) {
        Scope previous = enter(Scope.of(workspace));
        try {
            work.run();
        }
        finally {
            restore(previous);
        }
    }

    /** Runs {@code work} inside the workspace and returns its result. */
    public static <T> T run(WorkspaceId workspace, Supplier<T> work) {
        Scope previous = enter(Scope.of(workspace));
        try {
            return work.get();
        }
        finally {
            restore(previous);
        }
    }

    /**
     * Runs {@code work} across workspaces; {@code reason} says why this path must (it
     * shows in the code).
     */
    public static void system(String reason, Runnable work) {
        Scope previous = enter(Scope.system(reason));
        try {
            work.run();
        }
        finally {
            restore(previous);
        }
    }

    /**
     * Runs {@code work} across workspaces and returns its result; {@code reason} says why
     * this path must.
     */
    public static <T> T system(String reason, Supplier<T> work) {
        Scope previous = enter(Scope.system(reason));
        try {
            return work.get();
        }
        finally {
            restore(previous);
        }
    }

    /** The current scope; null when the thread has none. */
    static Scope current() {
        return CURRENT.get();
    }

    /**
     * Enters {@code scope}, returning the scope to restore afterwards with
     * {@link #restore}.
     */
    static Scope enter(Scope scope) {
        Scope previous = CURRENT.get();
        if (scope.workspace() != null && previous != null && !previous.isSystem()
                && !previous.workspace().equals(scope.workspace())) {
            throw new IllegalStateException(
                    "a thread in workspace " + previous.workspace() + " may not enter workspace " + scope.workspace()
                            + ": only the system scope may switch workspaces");
        }
        CURRENT.set(scope);
        return previous;
    }

    /**
     * Puts back the scope {@link #enter} returned, or sets one that another thread
     * captured.
     */
    static void restore(Scope previous) {
        if (previous == null) {
            CURRENT.remove();
        }
        else {
            CURRENT.set(previous);
        }
    }

}
