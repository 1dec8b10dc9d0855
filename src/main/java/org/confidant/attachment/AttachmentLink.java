package org.confidant.attachment;

import java.time.Instant;

/**
 * A signed download link (a path on this server with its query) and when it stops
 * working.
 */
public record AttachmentLink(String url, Instant expiresAt) {
}
