package org.confidant.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.confidant.shared.Rejected;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes allowed-origin parsing and matching (docs/fuzzing.md): an entry either parses to
 * a canonical form that parses again to itself, or is refused with
 * {@code bad_allowed_domain}; a page origin parses into plain ASCII or not at all; an
 * exact entry permits exactly its own origin, a {@code *.} entry only strict subdomains,
 * never another scheme or port.
 */
class AllowedOriginFuzzTests {

    @FuzzTest(maxDuration = "5s")
    void allowedOrigins(FuzzedDataProvider data) {
        String entryText = data.consumeString(400);
        String pageText = data.consumeRemainingAsString();
        AllowedOrigin entry = null;
        try {
            entry = AllowedOrigin.parse(entryText);
        }
        catch (Rejected refused) {
            assertThat(refused.code()).isEqualTo("bad_allowed_domain");
        }
        if (entry != null) {
            AllowedOrigin again = AllowedOrigin.parse(entry.toString());
            assertThat(again).as("canonical form of %s", entryText).isEqualTo(entry);
            assertThat(entry.toString().chars().allMatch(c -> c > 0x20 && c < 0x7f)).isTrue();
            assertThat(entry.origin().scheme()).isIn("http", "https");
        }
        Optional<WebOrigin> page = WebOrigin.parse(pageText);
        page.ifPresent(origin -> {
            assertThat(origin.toString().chars().allMatch(c -> c > 0x20 && c < 0x7f)).as("origin %s", origin).isTrue();
            assertThat(WebOrigin.parse(origin.toString())).contains(origin);
        });
        if (entry != null && page.isPresent() && entry.permits(page.get())) {
            WebOrigin origin = page.get();
            assertThat(origin.scheme()).isEqualTo(entry.origin().scheme());
            assertThat(origin.port()).isEqualTo(entry.origin().port());
            if (entry.subdomains()) {
                assertThat(origin.host()).endsWith("." + entry.origin().host());
            }
            else {
                assertThat(origin.host()).isEqualTo(entry.origin().host());
            }
        }
    }

}
