/**
 * Alerts: a workspace's risky actions (an export, bulk deletion or erasure, a member made
 * owner or admin, 2FA or SSO turned off, a key rotated or shredded, a burst of failed
 * sign-ins, an API token created) reported to the channels it chose: a signed webhook, a
 * Slack-compatible incoming webhook, or email. It listens to committed audit entries on
 * another thread, so a failing channel never blocks or rolls back the action; deliveries
 * are stored and retried by a worker that survives restarts; every outgoing URL passes
 * the SSRF guard ({@link org.confidant.egress.OutboundUrlGuard}) when saved and again,
 * after DNS resolution, when sent through the egress gate, which also applies the
 * operator's host allowlist.
 */
@ApplicationModule(displayName = "Alerts",
        allowedDependencies = { "access::api", "audit::api", "crypto::api", "egress::api", "system::api",
                "tenancy::api", "workspace::api" })
@NullMarked
package org.confidant.alert;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
