/**
 * Inboxes: one per website that embeds the widget. An inbox belongs to one workspace and names the place
 * conversations arrive. The widget-hardening issue adds allowed domains, identity-verification keys and widget
 * settings here. Who belongs to an inbox (and so sees its conversations) is kept by {@code access}, which this module
 * depends on, with {@code shared} and {@code tenancy} (the widget finds an inbox by its public id alone).
 */
package org.confidant.inbox;
