/**
 * Real time: the two WebSocket gateways ({@code /ws/visitor} for the widget,
 * {@code /ws/agent} for the dashboard) that speak the protocol of
 * {@code docs/protocol.md}, and the fan-out that carries committed messages, conversation
 * changes, access changes, notifications and revoked visitor sessions to every socket
 * that may see them ({@link org.confidant.realtime.RealtimeRelay},
 * {@link org.confidant.realtime.Fanout}). Both handshakes must come from Confidant's own
 * origin; every frame runs in its socket's workspace, and every refusal is an error frame
 * that leaves the socket open. What an open visitor socket says of the visit (page path,
 * browser summary, time zone) goes to the contact module's in-memory
 * {@link org.confidant.contact.LiveVisits} and nowhere else.
 */
@ApplicationModule(displayName = "Real time",
        allowedDependencies = { "access::api", "contact::api", "conversation::api", "identity::api", "inbox::api",
                "privacy::api", "ratelimit::api", "routing::api", "signin::api", "tenancy::api", "widget::api" })
@NullMarked
package org.confidant.realtime;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
