package org.confidant.inbox;

import java.time.Instant;
import java.util.UUID;

import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;

/**
 * A key with which a business signs its visitors' identity tokens, as the dashboard shows
 * it (never an HS256 secret).
 *
 * @param kid the key id the tokens name in their header ({@code kid}), unique in the
 * inbox
 * @param algorithm {@code HS256}, {@code RS256} or {@code ES256}: the only algorithm this
 * key verifies
 * @param retiredAt null while the key verifies tokens
 */
public record IdentityKey(UUID id, WorkspaceId workspaceId, InboxId inboxId, String kid, String algorithm,
        Instant createdAt, @Nullable Instant retiredAt) {
}
