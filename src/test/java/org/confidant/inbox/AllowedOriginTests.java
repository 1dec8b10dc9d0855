package org.confidant.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.confidant.shared.Rejected;
import org.junit.jupiter.api.Test;

/**
 * Allowed-origin matching, attacked: origins that must never pass for an inbox that
 * allows {@code
 * https://shop.example}, {@code https://*.brand.example} and
 * {@code http://localhost:8080}, the ones that must, and entries an admin may not store.
 */
class AllowedOriginTests {

    private static final AllowedDomains ALLOWED = AllowedDomains.parse("""
            https://shop.example
            https://*.brand.example
            http://localhost:8080
            """);

    private static final List<String> ATTACKS = List.of("null", "", " https://shop.example", "https://shop.example ",
            "https://shop.example\n", "https://shop.example.evil.net", "https://shop.example%2eevil.net",
            "https://evil-shop.example", "https://evilshop.example", "https://sub.shop.example", "http://shop.example",
            "https://shop.example:8443", "https://shop.example:80", "https://shop.example:0",
            "https://shop.example:99999", "https://shop.example:443:443", "wss://shop.example", "ftp://shop.example",
            "file://", "javascript:alert(1)", "data:text/html,hi", "https://shop.example/", "https://shop.example/path",
            "https://shop.example?x=1", "https://shop.example#x", "https://user@shop.example",
            "https://shop.example@evil.net", "https://shop.example.", "https://xn--shp-ooa.example",
            "https://shоp.example", "https://brand.example", "https://evilbrand.example", "https://evil-brand.example",
            "https://brand.example.evil.net", "https://x.brand.example.evil.net", "http://x.brand.example",
            "https://x.brand.example:444", "https://*.brand.example", "https://localhost:8080", "http://localhost:8081",
            "http://localhost", "http://127.0.0.1:8080", "http://[::1]:8080", "//shop.example", "shop.example");

    private static final List<String> PERMITTED = List.of("https://shop.example", "https://shop.example:443",
            "HTTPS://SHOP.EXAMPLE", "https://x.brand.example", "https://a.b.brand.example",
            "https://x.brand.example:443", "http://localhost:8080");

    @Test
    void noAttackOriginPasses() {
        assertThat(ATTACKS).hasSizeGreaterThanOrEqualTo(25);
        List<String> passed = new ArrayList<>();
        for (String attack : ATTACKS) {
            if (WebOrigin.parse(attack).map(ALLOWED::permits).orElse(false)) {
                passed.add(attack);
            }
        }
        assertThat(passed).as("attack origins the allowed domains let through").isEmpty();
    }

    @Test
    void theListedOriginsPass() {
        for (String origin : PERMITTED) {
            assertThat(WebOrigin.parse(origin).map(ALLOWED::permits)).as(origin).hasValue(true);
        }
    }

    @Test
    void anEmptyListAllowsNothing() {
        AllowedDomains none = AllowedDomains.parse("  \n ");
        assertThat(none.isEmpty()).isTrue();
        for (String origin : PERMITTED) {
            assertThat(WebOrigin.parse(origin).map(none::permits)).as(origin).hasValue(false);
        }
    }

    @Test
    void entriesAreStoredInCanonicalAsciiForm() {
        AllowedDomains domains = AllowedDomains.parse("HTTPS://Shop.Example/, https://bücher.example:443 "
                + "http://*.Brand.example:8080 https://shop.example");
        assertThat(domains.asText()).isEqualTo("""
                https://shop.example
                https://xn--bcher-kva.example
                http://*.brand.example:8080""");
        assertThat(domains.asFrameAncestors())
            .isEqualTo("https://shop.example https://xn--bcher-kva.example http://*.brand.example:8080");
        assertThat(WebOrigin.parse("https://xn--bcher-kva.example").map(domains::permits)).hasValue(true);
        assertThat(WebOrigin.parse("http://a.brand.example:8080").map(domains::permits)).hasValue(true);
        assertThat(WebOrigin.parse("http://brand.example:8080").map(domains::permits)).hasValue(false);
    }

    @Test
    void badEntriesAreRefusedWithWhatIsWrong() {
        for (String entry : List.of("shop.example", "*.shop.example", "ftp://shop.example", "https://",
                "https://shop.example/path", "https://shop.example?q", "https://shop.example#f",
                "https://user@shop.example", "https://*", "https://*.com", "https://*.*.shop.example",
                "https://sh*p.example", "https://*shop.example", "https://shop.example:0", "https://shop.example:70000",
                "https://shop.example:port", "https://[::1]", "https://*.192.0.2.1", "https://shop.example.",
                "https://shop_example.com", "null", "https://" + "a".repeat(300) + ".example")) {
            assertThatThrownBy(() -> AllowedOrigin.parse(entry)).as(entry)
                .isInstanceOf(Rejected.class)
                .hasMessageContaining("\"");
        }
    }

    @Test
    void oneBadEntryRejectsTheWholeListNamingEachBadOne() {
        assertThatThrownBy(() -> AllowedDomains.parse("https://shop.example\nshop.example\nftp://x.example"))
            .isInstanceOf(Rejected.class)
            .hasMessageContaining("\"shop.example\"")
            .hasMessageContaining("\"ftp://x.example\"")
            .extracting(e -> ((Rejected) e).code())
            .isEqualTo("bad_allowed_domain");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= AllowedDomains.MAX_ENTRIES; i++) {
            many.append("https://s").append(i).append(".example\n");
        }
        assertThatThrownBy(() -> AllowedDomains.parse(many.toString())).isInstanceOf(Rejected.class)
            .extracting(e -> ((Rejected) e).code())
            .isEqualTo("too_many_allowed_domains");
    }

}
