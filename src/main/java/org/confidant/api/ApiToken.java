package org.confidant.api;

import java.time.Instant;
import java.util.Set;

import org.confidant.access.Permission;
import org.confidant.shared.ApiTokenId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;

/**
 * An API token as its owner and admins see it: never its secret.
 *
 * @param permissions what the token may do, at most (the member's own grants narrow it
 * further)
 * @param revokedAt null while the token is not revoked
 * @param lastUsedAt null until the token's first call
 */
public record ApiToken(ApiTokenId id, WorkspaceId workspaceId, MemberId memberId, String name,
        Set<Permission> permissions, Instant createdAt, Instant expiresAt, @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt) {

    public ApiToken {
        permissions = Set.copyOf(permissions);
    }

    /**
     * Whether the token still opens the API at {@code now} (its member's membership is
     * checked on each call).
     */
    public boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
