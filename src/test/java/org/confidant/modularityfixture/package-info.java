/**
 * A module that exists only in the tests: it declares a dependency on the access module's
 * API and then reaches past it, which {@code ModularityTests} must catch.
 */
@ApplicationModule(displayName = "Fixture that reaches into another module", allowedDependencies = "access::api")
package org.confidant.modularityfixture;

import org.springframework.modulith.ApplicationModule;
