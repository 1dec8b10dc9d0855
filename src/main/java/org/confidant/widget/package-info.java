/**
 * The website widget: its assets (a tiny loader for the host page and the chat app that
 * runs in an iframe on Confidant's origin), the embed snippet and demo page of each
 * inbox, the install page where an inbox's allowed domains are kept, and visitor sessions
 * with their signed, short-lived tokens ({@link org.confidant.widget.VisitorSessions},
 * {@link org.confidant.widget.VisitorTokens}), revoked when a contact is blocked or
 * erased, when its workspace is cancelled and when a visitor withdraws their consent; in
 * an inbox that asks for consent, nothing about a new visitor is kept until their
 * {@code hello} carries it ({@link org.confidant.widget.ConsentRequired}). How the widget
 * is gated to the allowed sites is told on {@code web.WidgetController}; how tokens live
 * and die on {@link org.confidant.widget.VisitorSessions}.
 */
@ApplicationModule(displayName = "Widget",
        allowedDependencies = { "access::api", "contact::api", "crypto::api", "inbox::api", "job::api", "privacy::api",
                "ratelimit::api", "tenancy::api", "workspace::api" })
@NullMarked
package org.confidant.widget;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
