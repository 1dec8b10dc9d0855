/**
 * Inboxes: one per website that embeds the widget. An inbox belongs to one workspace and names the place
 * conversations arrive. The widget-hardening issue adds allowed domains, identity-verification keys and widget
 * settings here. Depends on {@code identity} (the signed-in member) and {@code shared}.
 */
package org.confidant.inbox;
