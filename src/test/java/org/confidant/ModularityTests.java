package org.confidant;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import com.tngtech.archunit.core.importer.ImportOption;

/** The module structure of the product code holds: no cycles, and no module reaches into another's internals. */
class ModularityTests {

    @Test
    void modulesRespectTheirBoundaries() {
        ImportOption productCodeOnly = location -> !location.contains("/test-classes/");
        ApplicationModules.of(ConfidantApplication.class, productCodeOnly).verify();
    }
}
