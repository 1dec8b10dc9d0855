package org.confidant.alert;

import java.time.Instant;

import org.confidant.shared.WorkspaceId;

/**
 * A place a workspace's alerts go.
 *
 * @param shown what the alerts page shows of the target: the scheme, host and port of a
 * URL (a Slack URL's path is its secret), or the email address
 */
public record AlertChannel(AlertChannelId id, WorkspaceId workspaceId, ChannelKind kind, String shown,
        Instant createdAt) {
}
