/**
 * Routing: who is at work, and who gets a new conversation. Each member sets their own
 * status, online, away or offline ({@link org.confidant.routing.RoutingManagement}); it
 * counts, and shows to colleagues, as chosen only while the member has a dashboard open
 * on this node (the real-time module reports each dashboard socket), and as offline
 * otherwise, so an agent who closed the laptop or signed out is handed nothing; presence
 * is kept per node, so on several nodes an agent counts as connected only on the node
 * that holds their socket (scale-out is the operations issue's). An inbox may turn on
 * round-robin with a per-agent limit of open conversations: a new conversation, or one
 * left unassigned until an agent comes online or frees a slot, goes to the inbox's member
 * who may read it, is online and connected and has fewer open conversations of the inbox
 * than the limit, the one routed to least recently first, with the inbox's routing row
 * locked while it picks, so concurrent arrivals never push an agent over the limit.
 */
@ApplicationModule(displayName = "Routing",
        allowedDependencies = { "access::api", "conversation::api", "identity::api", "inbox::api", "workspace::api" })
@NullMarked
package org.confidant.routing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
