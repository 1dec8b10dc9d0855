/**
 * The website widget: its assets (a tiny loader for the host page and the chat app that
 * runs in an iframe on Confidant's origin), the embed snippet and demo page of each
 * inbox, the install page where an inbox's allowed domains are kept, and visitor sessions
 * with their signed, short-lived tokens ({@link org.confidant.widget.VisitorSessions},
 * {@link org.confidant.widget.VisitorTokens}), revoked when a contact is blocked or
 * erased and when its workspace is cancelled. How the widget is gated to the allowed
 * sites is told on {@code web.WidgetController}; how tokens live and die on
 * {@link org.confidant.widget.VisitorSessions}.
 */
@ApplicationModule(displayName = "Widget",
        allowedDependencies = { "access::api", "contact::api", "crypto::api", "inbox::api", "job::api",
                "ratelimit::api", "tenancy::api", "workspace::api" })
@NullMarked
package org.confidant.widget;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
