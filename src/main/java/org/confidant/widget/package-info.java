/**
 * The website widget: its assets (a tiny loader for the host page and the chat app that runs in an iframe on
 * Confidant's origin), the embed snippet and demo page of each inbox, the install page where an inbox's allowed
 * domains are kept, and visitor sessions.
 *
 * <p><b>The gate.</b> The chat runs in an iframe served from Confidant's own origin, so its socket carries Confidant's
 * origin in {@code Origin}, never the host page's. The host page is therefore pinned by the iframe document's
 * {@code Content-Security-Policy: frame-ancestors}, built from the inbox's allowed domains (none: the document is
 * refused with a page nobody may frame), and by the embedding origin the iframe reports in {@code hello}
 * ({@code location.ancestorOrigins}, else the referrer's origin), which {@link org.confidant.widget.VisitorSessions}
 * checks against the same list before storing anything. The visitor socket's handshake must carry Confidant's own
 * origin (see {@code realtime}). The loader makes no HTTP call from the host page. It is served at a content-hashed,
 * immutable URL and the snippet carries its SRI hash, computed at start-up from the exact bytes served; the iframe
 * app behind it may change freely. Loader and iframe exchange only content-free {@code postMessage}s, each side
 * checking the other's window, origin and the message's exact shape; the one with content is the identity token of a
 * visitor signed in on the host site (the snippet's {@code data-confidant-identity}), which the loader sends to
 * Confidant's origin only when the chat app asks, and which the app keeps in memory and sends only in {@code hello}.
 *
 * <p>A visitor session is identified by a random token that the chat app keeps in the iframe's own storage and sends
 * only inside the socket's {@code hello} frame; the database keeps only its SHA-256 digest. Depends on {@code inbox},
 * {@code contact}, {@code access} (the install page needs {@code inboxes.manage}), {@code tenancy} (a visitor
 * session runs in its inbox's workspace) and {@code shared}.
 */
package org.confidant.widget;
