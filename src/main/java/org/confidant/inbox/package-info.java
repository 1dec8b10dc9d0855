/**
 * Inboxes: one per website that embeds the widget. An inbox belongs to one workspace and names the place
 * conversations arrive, and keeps the origins allowed to embed its widget ({@link
 * org.confidant.inbox.AllowedDomains}: exact origins or explicit {@code *.domain} subdomains, matched exactly on
 * scheme, ASCII host and effective port; none means the inbox is live nowhere). Who belongs to an inbox (and so sees
 * its conversations) is kept by {@code access}, which this module depends on, with {@code shared} and {@code tenancy}
 * (the widget finds an inbox by its public id alone).
 */
package org.confidant.inbox;
