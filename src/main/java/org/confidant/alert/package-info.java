/**
 * Alerts: a workspace's risky actions (an export, bulk deletion or erasure, a member made owner or admin, 2FA or SSO
 * turned off, a key rotated or shredded, a burst of failed sign-ins, an API token created) reported to the channels it
 * chose: a signed webhook (HMAC-SHA256 over {@code "<timestamp>.<body>"}), a Slack-compatible incoming webhook, or
 * email. It listens to {@link org.confidant.audit.AuditEntryRecorded} after the entry commits, on another thread, so a
 * failing channel never blocks or rolls back the action; deliveries are stored, attempted at once and retried with
 * backoff by a worker that survives restarts. Every outgoing URL passes {@link org.confidant.alert.OutboundUrlGuard}
 * (SSRF) when configured and again, after DNS resolution, when sent. Channel targets, secrets and alert texts are
 * encrypted through {@code crypto}. Depends on {@code audit} (its event only), {@code access}, {@code identity}
 * (the public address of the audit link), {@code workspace}, {@code crypto}, {@code tenancy} (the delivery worker
 * looks through every workspace) and {@code shared}.
 */
package org.confidant.alert;
