package org.confidant.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The setup link of a local trial names {@code localhost}, where passkeys work, not a
 * loopback address; a real address stays as it is.
 */
class SetupLinkAnnouncerTests {

    @Test
    void aLoopbackAddressBecomesLocalhostAndNothingElseChanges() {
        assertThat(SetupLinkAnnouncer.onLoopback("http://127.0.0.1:8080")).isEqualTo("http://localhost:8080");
        assertThat(SetupLinkAnnouncer.onLoopback("https://[::1]:8443")).isEqualTo("https://localhost:8443");
        assertThat(SetupLinkAnnouncer.onLoopback("http://192.0.2.7:8080")).isEqualTo("http://192.0.2.7:8080");
        assertThat(SetupLinkAnnouncer.onLoopback("http://127.0.0.10:8080")).isEqualTo("http://127.0.0.10:8080");
    }

}
