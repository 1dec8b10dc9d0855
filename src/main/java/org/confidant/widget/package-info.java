/**
 * The website widget: its assets (a tiny loader for the host page and the chat app that runs in an iframe on
 * Confidant's origin), the embed snippet and demo page of each inbox, and visitor sessions. A visitor session is
 * identified by a random token that the chat app keeps in the iframe's own storage and sends only inside the socket's
 * {@code hello} frame; the database keeps only its SHA-256 digest. The widget-hardening issue replaces it with
 * short-lived signed tokens and adds allowed domains and SRI. Depends on {@code inbox}, {@code contact},
 * {@code access} (the install page needs {@code inboxes.manage}), {@code tenancy} (a visitor session runs in its
 * inbox's workspace) and {@code shared}.
 */
package org.confidant.widget;
