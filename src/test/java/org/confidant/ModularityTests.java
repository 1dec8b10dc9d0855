package org.confidant;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module structure holds: no cycles, and no module reaches into another's internals. */
class ModularityTests {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(ConfidantApplication.class).verify();
    }
}
