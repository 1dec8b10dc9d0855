package org.confidant.inbox;

import java.time.Instant;

import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * Who a valid identity token says the visitor is, as signed by the business.
 *
 * @param subject the business's id for the person ({@code sub})
 * @param name the signed {@code name} claim, or null
 * @param email the signed {@code email} claim, or null
 */
@NamedInterface("api")
public record VerifiedIdentity(WorkspaceId workspaceId, InboxId inboxId, String subject, @Nullable String name,
        @Nullable String email, Instant expiresAt) {
}
