package org.confidant.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import java.security.Security;
import java.util.List;

import org.junit.jupiter.api.Test;

class TinkPrimitivesTests {

    @Test
    void conscryptIsRegisteredForTinkBehindTheJdksOwnProviders() {
        TinkPrimitives.ensureRegistered();

        List<String> providers = List.of(Security.getProviders()).stream().map(Provider::getName).toList();
        assertThat(providers).contains("Conscrypt");
        // lowest priority: TLS, and every JCA lookup that names no provider, still get
        // the JDK's own
        assertThat(providers.getFirst()).isEqualTo("SUN");
        assertThat(providers.indexOf("Conscrypt")).isGreaterThan(providers.indexOf("SunJSSE"));
    }

}
