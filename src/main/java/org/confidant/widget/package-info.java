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
 * <p><b>Visitor tokens.</b> A visitor session is a row ({@code visitor_session}: id, workspace, inbox, contact, the
 * blind index of the address it last came from, and when its newest token expires). The visitor holds a signed,
 * short-lived token naming it ({@link org.confidant.widget.VisitorTokens}: {@code v1.<payload>.<signature>}, the
 * payload being session id, workspace, inbox, contact, issued-at and expires-at, signed with the workspace's own key
 * under the purpose {@code visitor.token}), which the chat app keeps in the iframe's own storage and sends only inside
 * the socket's {@code hello} frame and the {@code X-Visitor-Token} header of its file requests, never in a URL. A
 * token opens its session only if it parses strictly, its signature checks under the key of the workspace it names,
 * it has not expired ({@link org.confidant.widget.WidgetSettings#visitorTokenLifetime()}, an hour by default), it
 * names the inbox of the {@code hello}, the session's row exists and the contact is not blocked. Anything else is no
 * token at all: a new anonymous visitor (on the socket) or a 404 (on HTTP), without telling expired, tampered,
 * revoked and unknown apart. {@code welcome} always brings a fresh token, and {@code realtime} asks
 * {@link org.confidant.widget.VisitorSessions#renew} for the next one at half the lifetime while the socket is open.
 * Rows whose newest token has expired are purged once per lifetime.
 *
 * <p><b>Revocation and blocking.</b> {@link org.confidant.widget.VisitorSessions#revokeAll} deletes every session of
 * a contact and publishes {@link org.confidant.widget.VisitorSessionsRevoked}, on which {@code realtime} closes the
 * contact's sockets after the commit (an event, since {@code realtime} depends on this module and not the other way).
 * Blocking a contact ({@code contact.ContactBlockChanged}, from the conversation page) revokes its sessions in the
 * blocking transaction and refuses the blind index of its last address to new anonymous visitors of its inbox until it
 * is unblocked; the contact module refuses its tokens and its identity ({@code visitor_blocked}). Erasing a contact,
 * when it comes, must call {@code revokeAll} too (with a reason of its own).
 *
 * <p>Depends on {@code inbox}, {@code contact}, {@code crypto} (signatures and blind indexes), {@code access} (the
 * install page needs {@code inboxes.manage}), {@code ratelimit}, {@code tenancy} (a visitor session runs in its inbox's
 * workspace) and {@code shared}.
 */
package org.confidant.widget;
