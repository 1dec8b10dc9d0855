package org.confidant.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.confidant.shared.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard's configuration-time check: attack spellings refused, ordinary public
 * URLs accepted.
 */
public class OutboundUrlGuardTests {

    /**
     * Loopback, private, link-local, metadata and other refused ranges, in every spelling
     * a resolver would accept.
     */
    public static final List<String> ATTACKS = List.of("https://127.0.0.1/hook", "https://127.0.0.1:8080/hook",
            "https://127.1/hook", "https://127.0.1/hook", "https://2130706433/hook", "https://0177.0.0.1/hook",
            "https://0177.0000.0000.0001/hook", "https://0x7f.0.0.1/hook", "https://0x7f.1/hook",
            "https://0x7f000001/hook", "https://017700000001/hook", "https://127.0.0.1./hook", "https://0/hook",
            "https://0.0.0.0/hook", "https://10.0.0.1/hook", "https://012.0.0.1/hook", "https://172.16.0.1/hook",
            "https://172.31.255.254/hook", "https://192.168.1.1/hook", "https://3232235777/hook",
            "https://0xc0.0xa8.1.1/hook", "https://100.64.0.1/hook", "https://169.254.169.254/latest/meta-data/",
            "https://2852039166/latest/meta-data/", "https://0xa9fea9fe/latest/meta-data/",
            "https://0251.0376.0251.0376/latest/meta-data/", "https://169.254.43518/latest/meta-data/",
            "https://224.0.0.1/hook", "https://255.255.255.255/hook", "https://[::1]/hook",
            "https://[0:0:0:0:0:0:0:1]/hook", "https://[::]/hook", "https://[::ffff:127.0.0.1]/hook",
            "https://[::ffff:7f00:1]/hook", "https://[::ffff:169.254.169.254]/hook", "https://[::ffff:a9fe:a9fe]/hook",
            "https://[::127.0.0.1]/hook", "https://[::10.0.0.1]/hook", "https://[64:ff9b::127.0.0.1]/hook",
            "https://[64:ff9b::a9fe:a9fe]/hook", "https://[2002:7f00:1::]/hook", "https://[2002:a9fe:a9fe::1]/hook",
            "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook", "https://[fe80::1]/hook", "https://[fc00::1]/hook",
            "https://[fd12:3456:789a::1]/hook", "https://[ff02::1]/hook", "https://[fe80::1%25eth0]/hook",
            "https://%31%32%37.0.0.1/hook", "https://user:pass@example.com/hook", "https://example.com@127.0.0.1/hook",
            "http://example.com/hook", "file:///etc/passwd", "gopher://127.0.0.1:25/", "ftp://example.com/",
            "https://256.0.0.1/hook", "https://1.2.3.4.5/hook", "https://１２７.０.０.１/hook", "https://exa mple.com/hook",
            "https:///hook", "https://example.com:0/hook", "https://example.com:99999/hook", "//example.com/hook", "");

    private final OutboundUrlGuard guard = guard();

    static OutboundUrlGuard guard(String... allowed) {
        return OutboundUrlGuard.allowing(List.of(allowed), List.of());
    }

    static List<String> attacks() {
        return ATTACKS;
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void everyAttackSpellingIsRefusedWithAReason(String url) {
        assertThatThrownBy(() -> guard.check(url)).isInstanceOf(Rejected.class).satisfies(e -> {
            assertThat(((Rejected) e).code()).isEqualTo("refused_url");
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void theTableHoldsMoreThanThirtySpellings() {
        assertThat(ATTACKS).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates();
    }

    @Test
    void numericSpellingsAreJudgedByTheAddressTheyMean() {
        assertThat(OutboundUrlGuard.literalAddress("2130706433").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(OutboundUrlGuard.literalAddress("0177.0.0.1").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(OutboundUrlGuard.literalAddress("0x7f.1").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(OutboundUrlGuard.literalAddress("127.1").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(OutboundUrlGuard.literalAddress("169.254.43518").getHostAddress()).isEqualTo("169.254.169.254");
        assertThat(OutboundUrlGuard.literalAddress("example.com")).isNull();
        assertThatThrownBy(() -> guard.check("https://0x7f.1/")).hasMessageContaining("loopback")
            .hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> guard.check("https://169.254.169.254/")).hasMessageContaining("metadata");
        assertThatThrownBy(() -> guard.check("https://[::ffff:10.1.2.3]/")).hasMessageContaining("private");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://hooks.example.com/confidant", "https://hooks.slack.com/services/T0/B0/xyz",
            "https://93.184.215.14/hook", "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook",
            "https://example.com:8443/a?b=c", "https://xn--bcher-kva.example/hook", "https://8.8.8.8/" })
    void publicTargetsAreAccepted(String url) {
        assertThat(guard.check(url).allowlisted()).isFalse();
    }

    @Test
    void anAllowlistedTargetPassesOnlyWithItsExactHostAndPortAndMayUsePlainHttp() {
        OutboundUrlGuard allowing = guard("127.0.0.1:9999");
        assertThat(allowing.check("http://127.0.0.1:9999/hook").allowlisted()).isTrue();
        assertThatThrownBy(() -> allowing.check("http://127.0.0.1:9998/hook")).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> allowing.check("https://127.0.0.1:9998/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> allowing.check("http://127.1:9999/hook")).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> allowing.check("http://localhost:9999/hook")).isInstanceOf(Rejected.class);
    }

    @Test
    void aNameIsCheckedAgainAfterResolution() throws Exception {
        var target = guard.check("https://localhost/hook");
        assertThatThrownBy(() -> guard.resolve(target)).isInstanceOf(Rejected.class)
            .hasMessageContaining("localhost resolves to the loopback address");
    }

    @Test
    void everyRefusedRangeIsKnownToTheAddressCheck() throws Exception {
        for (String address : List.of("127.255.255.254", "10.255.255.255", "172.20.0.1", "192.168.0.0",
                "100.127.255.255", "169.254.0.1", "0.1.2.3", "239.255.255.250", "240.0.0.1", "192.0.2.1", "198.18.0.1",
                "::1", "fe80::abcd", "fc00::", "fdff:ffff::1", "fec0::1", "ff05::2", "2001:db8::1", "100::1",
                "64:ff9b:1::1")) {
            assertThat(OutboundUrlGuard.refusal(InetAddress.getByName(address))).as(address).isPresent();
        }
        for (String address : List.of("1.1.1.1", "8.8.4.4", "172.32.0.1", "100.128.0.1", "169.253.1.1",
                "2606:4700::1111", "2002:0808:0808::1")) {
            assertThat(OutboundUrlGuard.refusal(InetAddress.getByName(address))).as(address).isEmpty();
        }
    }

}
