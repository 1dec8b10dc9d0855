/**
 * Real time: the two WebSocket gateways ({@code /ws/visitor} for the widget, {@code /ws/agent} for the dashboard) that
 * speak the protocol in {@code docs/protocol.md}, and the fan-out that carries committed messages and conversation
 * changes to every socket that may see them.
 *
 * <p>Publishers never talk to sockets: after a commit, {@link org.confidant.realtime.RealtimeRelay} turns the
 * conversation module's events into {@link org.confidant.realtime.FanoutMessage}s and hands them to the
 * {@link org.confidant.realtime.Fanout}. The in-process implementation delivers them to this node's
 * {@link org.confidant.realtime.LocalSockets}; a Redis pub/sub implementation can replace it for several nodes without
 * touching publishers or gateways. Fan-out is at-most-once: clients catch up by sequence number. The widget module's
 * {@link org.confidant.widget.VisitorSessionsRevoked} travels the same way, so a revoked (blocked) visitor's sockets
 * are told {@code visitor_blocked} and closed on every node; {@link org.confidant.realtime.VisitorGateway} sends an
 * open visitor socket its next signed token at half the current one's lifetime. Both handshakes must
 * come from Confidant's own origin; the visitor socket also refuses one without {@code Origin} (its one caller is the
 * widget's iframe, in a browser), and its {@code hello} names the host page, which the widget module checks against
 * the inbox's allowed domains. Depends on
 * {@code conversation}, {@code widget}, {@code identity}, {@code tenancy} (each frame runs in its socket's workspace)
 * and {@code shared}.
 */
package org.confidant.realtime;
