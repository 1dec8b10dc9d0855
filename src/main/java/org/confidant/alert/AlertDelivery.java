package org.confidant.alert;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One alert's delivery to one channel, as the alerts page shows it.
 *
 * @param title the alert's title
 * @param lastError a short reason for the last failed attempt (no secret: never a URL's
 * path), or null
 */
public record AlertDelivery(UUID id, AlertChannelId channelId, ChannelKind channelKind, String title,
        DeliveryStatus status, int attempts, Instant createdAt, @Nullable Instant nextAttemptAt,
        @Nullable Instant deliveredAt, @Nullable String lastError) {
}
