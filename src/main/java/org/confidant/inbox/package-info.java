/**
 * Inboxes: one per website that embeds the widget. An inbox belongs to one workspace,
 * names the place conversations arrive, keeps the origins allowed to embed its widget
 * ({@link org.confidant.inbox.AllowedDomains}: exact origins or explicit {@code *.domain}
 * subdomains, matched on scheme, ASCII host and effective port; none means the inbox is
 * live nowhere) and the keys that sign the identity tokens of visitors signed in on the
 * site ({@link org.confidant.inbox.VisitorIdentityTokens}). Who belongs to an inbox is
 * kept by {@code access}; how its new conversations are handed out (round-robin) by
 * {@code routing}.
 */
@ApplicationModule(displayName = "Inboxes",
        allowedDependencies = { "access::api", "crypto::api", "tenancy::api", "workspace::api" })
@NullMarked
package org.confidant.inbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
