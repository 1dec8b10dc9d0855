package org.confidant.access;

import java.util.Set;
import java.util.stream.Collectors;

import org.confidant.identity.Role;
import org.confidant.shared.Forbidden;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.confidant.shared.WorkspaceScoped;
import org.springframework.modulith.NamedInterface;

/**
 * What one member may do and see in their workspace, as of the moment it was read. Only
 * {@link AccessManagement} makes these, from the authenticated member; services take the
 * workspace from here, never from a request.
 *
 * @param permissions the role's permissions with the member's overrides applied
 * @param inboxes the inboxes the member belongs to
 */
@NamedInterface("api")
public record Grants(WorkspaceId workspaceId, MemberId memberId, Role role, Set<Permission> permissions,
        ConversationScope scope, Set<InboxId> inboxes) implements WorkspaceScoped {

    public Grants {
        permissions = Set.copyOf(permissions);
        inboxes = Set.copyOf(inboxes);
    }

    /**
     * These grants limited to {@code scope}: what a credential acting for the member with
     * only some of the member's permissions (an API token) may do. Scope never adds a
     * permission the member lacks.
     */
    public Grants narrowedTo(Set<Permission> scope) {
        Set<Permission> kept = permissions.stream().filter(scope::contains).collect(Collectors.toSet());
        return new Grants(workspaceId, memberId, role, kept, this.scope, inboxes);
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /** Throws {@link Forbidden} unless the member holds the permission. */
    public void require(Permission permission) {
        if (!has(permission)) {
            throw Forbidden.lacking(permission.key());
        }
    }

    /**
     * Whether the member may give {@code role} to someone: only owners make owners;
     * others give only what they hold.
     */
    public boolean mayGive(Role given) {
        return given == Role.OWNER ? role == Role.OWNER : permissions.containsAll(Permission.ofRole(given));
    }

    public Visibility visibility() {
        boolean readsAll = has(Permission.CONVERSATIONS_READ_ALL);
        boolean readsInboxes = has(Permission.CONVERSATIONS_READ_INBOXES);
        boolean readsAssigned = has(Permission.CONVERSATIONS_READ_ASSIGNED);
        if (!readsAll && !readsInboxes && !readsAssigned) {
            return Visibility.NONE;
        }
        if (scope == ConversationScope.ASSIGNED) {
            return Visibility.ASSIGNED;
        }
        return readsAll ? Visibility.ALL : readsInboxes ? Visibility.INBOXES : Visibility.ASSIGNED;
    }

    /**
     * Whether the member may read a conversation of this workspace in {@code inbox},
     * assigned to {@code assignee}.
     */
    public boolean canRead(InboxId inbox, MemberId assignee) {
        return switch (visibility()) {
            case ALL -> true;
            case INBOXES -> inboxes.contains(inbox) || memberId.equals(assignee);
            case ASSIGNED -> memberId.equals(assignee);
            case NONE -> false;
        };
    }
}
