/**
 * A module that exists only in the tests: it builds an HTTP client, opens a socket and
 * makes a mail sender of its own, past the egress gate, which {@code EgressRulesTests}
 * must catch.
 */
@ApplicationModule(displayName = "Fixture that connects past the egress gate")
package org.confidant.egressfixture;

import org.springframework.modulith.ApplicationModule;
