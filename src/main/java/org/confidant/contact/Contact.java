package org.confidant.contact;

import java.time.Instant;

import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A visitor (or customer) of a workspace, first seen in one inbox. Name, email, phone and
 * IP address are personal data: stored only encrypted. {@code email}, {@code phone} and
 * {@code ipAddress} may be null.
 */
@NamedInterface("api")
public record Contact(ContactId id, WorkspaceId workspaceId, InboxId inboxId, String displayName,
        @Nullable String email, @Nullable String phone, @Nullable String ipAddress, Instant createdAt) {
}
