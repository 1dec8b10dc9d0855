/**
 * Egress: the one gate every outbound connection of the server is built through.
 * {@link org.confidant.egress.Egress} builds the HTTP clients
 * ({@link org.confidant.egress.OutboundHttp}), sockets and emails of every
 * {@link org.confidant.egress.Flow} (alert webhooks, Slack and email, password-reset
 * email, single sign-on providers, clamd; a KMS plug-in's own client is the operator's),
 * applying the operator's host allowlist ({@code confidant.egress.allowed-hosts}) to the
 * flows whose target a workspace chooses and the SSRF guard
 * ({@link org.confidant.egress.OutboundUrlGuard}, each flow with its own operator
 * allowlist of private hosts); refusals are logged, counted and audited
 * ({@link org.confidant.egress.EgressRefused}). The flows are the catalogue of
 * {@code docs/data-flows.md}; nothing else leaves the server, and an architecture test
 * fails the build when code outside this module opens a socket, builds an HTTP client or
 * sends mail.
 */
@ApplicationModule(displayName = "Egress", allowedDependencies = {})
@NullMarked
package org.confidant.egress;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
