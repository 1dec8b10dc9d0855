package org.confidant.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.confidant.shared.Rejected;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * Decides whether Confidant may send a request to an outgoing URL (alert webhooks now,
 * API webhooks later), against server-side request forgery. A URL is checked twice:
 *
 * <ol>
 * <li>{@link #check(String)}, when it is configured: only {@code https} (plain
 * {@code http} only for an allowlisted target), no user info, a port, and a host that is
 * either a DNS name or an IP address outside the refused ranges. Every spelling a
 * resolver would read as an IPv4 address ({@code 2130706433}, {@code 0177.0.0.1},
 * {@code 0x7f.1}, {@code 127.1}) is parsed here, the way {@code inet_aton} reads it, so
 * that it is judged by the address it means.
 * <li>{@link #resolve(OutboundTarget)}, when sending: the name is resolved once, every
 * address is checked, and the caller connects to exactly those addresses (no second
 * look-up that DNS rebinding could answer differently).
 * </ol>
 *
 * Refused: loopback, "this network" (0.0.0.0/8, ::), private (10/8, 172.16/12,
 * 192.168/16), shared CGNAT (100.64/10), link-local (169.254/16, which holds the cloud
 * metadata address 169.254.169.254; fe80::/10), unique-local (fc00::/7), site-local
 * (fec0::/10), multicast, broadcast and the other reserved and documentation ranges; IPv6
 * forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that
 * address, and Teredo is refused. Each module that sends requests builds its guard with
 * its own operator's allowlist ({@link #allowing}): an allowlisted target skips the
 * address checks, and only that exact host and port (or that host, for a host-only
 * entry).
 */
@NamedInterface("api")
public final class OutboundUrlGuard {

    private static final int MAX_URL_LENGTH = 2000;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:.]+");

    private static final Pattern NUMERIC_PART = Pattern.compile("0x[0-9a-f]*|[0-9]+");

    private final Set<String> allowedTargets;

    private final Set<String> allowedHosts;

    private OutboundUrlGuard(Collection<String> targets, Collection<String> hosts) {
        this.allowedTargets = normalised(targets);
        this.allowedHosts = normalised(hosts);
    }

    /**
     * A guard with an allowlist of its own (each module that sends requests has one:
     * alerts' {@code
     * confidant.alerts.allowed-targets}, single sign-on's
     * {@code confidant.sso.allowed-private-hosts}): exact {@code
     * host:port} targets, and hosts allowed on any port; the host as a URL writes it.
     */
    public static OutboundUrlGuard allowing(Collection<String> targets, Collection<String> hostsOnAnyPort) {
        return new OutboundUrlGuard(targets, hostsOnAnyPort);
    }

    private static Set<String> normalised(Collection<String> entries) {
        return entries.stream()
            .map(t -> t.strip().toLowerCase(Locale.ROOT))
            .filter(t -> !t.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A URL that passed {@link #check}: where to connect, and whether the operator
     * allowlisted it.
     */
    public record OutboundTarget(URI uri, String host, int port, boolean allowlisted, InetAddress literal) {

        /** Whether the host is written as an IP address (nothing to resolve). */
        public boolean isLiteral() {
            return literal != null;
        }
    }

    /**
     * Checks a URL as it is configured; a refusal is a {@link Rejected} with code
     * {@code refused_url} and a message that says why.
     */
    public OutboundTarget check(String url) {
        String text = url == null ? "" : url.strip();
        if (text.isEmpty()) {
            throw refused("Enter a URL.");
        }
        if (text.length() > MAX_URL_LENGTH) {
            throw refused("A URL has at most " + MAX_URL_LENGTH + " characters.");
        }
        if (!text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw refused("A URL is written in printable ASCII, without spaces (use the punycode form of a name).");
        }
        URI uri;
        try {
            uri = new URI(text);
        }
        catch (URISyntaxException e) {
            throw refused("This is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused("Only https:// URLs are accepted.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
            throw refused("A URL with a user name or password in it is not accepted.");
        }
        String authority = uri.getRawAuthority();
        String rawHost;
        String rawPort;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            rawHost = close < 0 ? authority : authority.substring(0, close + 1);
            rawPort = close < 0 || close + 1 == authority.length() ? "" : authority.substring(close + 1);
        }
        else {
            int colon = authority.lastIndexOf(':');
            rawHost = colon < 0 ? authority : authority.substring(0, colon);
            rawPort = colon < 0 ? "" : authority.substring(colon);
        }
        if (rawHost.isEmpty()) {
            throw refused("The URL names no host.");
        }
        if (rawHost.contains("%")) {
            throw refused("The host " + rawHost + " is percent-encoded or has a zone; write it plainly.");
        }
        int port;
        if (rawPort.isEmpty()) {
            port = scheme.equals("https") ? 443 : 80;
        }
        else if (rawPort.matches(":[0-9]{1,5}")) {
            port = Integer.parseInt(rawPort.substring(1));
        }
        else {
            throw refused("The port must be a number between 1 and 65535.");
        }
        if (port < 1 || port > 65535) {
            throw refused("The port must be between 1 and 65535.");
        }
        String host = rawHost.toLowerCase(Locale.ROOT);
        boolean allowlisted = allowedTargets.contains(host + ":" + port) || allowedHosts.contains(host);
        if (!scheme.equals("https") && !allowlisted) {
            throw refused("Only https:// URLs are accepted.");
        }
        InetAddress literal = literalAddress(host);
        if (literal == null) {
            checkName(host);
        }
        else if (!allowlisted) {
            refusal(literal).ifPresent(reason -> {
                throw refused("The host " + rawHost + " is the " + reason + " address " + literal.getHostAddress()
                        + "; Confidant does not send there.");
            });
        }
        return new OutboundTarget(uri, host, port, allowlisted, literal);
    }

    /**
     * Resolves a checked target for one connection: the addresses to connect to, all of
     * them allowed. A name that resolves to any refused address is refused as a whole.
     */
    public List<InetAddress> resolve(OutboundTarget target) throws UnknownHostException {
        if (target.isLiteral()) {
            return List.of(target.literal());
        }
        List<InetAddress> addresses = Arrays.asList(InetAddress.getAllByName(target.host()));
        if (!target.allowlisted()) {
            for (InetAddress address : addresses) {
                refusal(address).ifPresent(reason -> {
                    throw refused("The host " + target.host() + " resolves to the " + reason + " address "
                            + address.getHostAddress() + "; Confidant does not send there.");
                });
            }
        }
        return addresses;
    }

    /**
     * Why an address is refused ("loopback", "private"...), or empty when Confidant may
     * connect to it.
     */
    public static Optional<String> refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusalOfIpv4(b);
        }
        if (address instanceof Inet6Address) {
            return refusalOfIpv6(b);
        }
        return Optional.of("unknown kind of");
    }

    private static Optional<String> refusalOfIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return Optional.of("\"this network\"");
        }
        if (a0 == 127) {
            return Optional.of("loopback");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Optional.of("private");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of("shared (CGNAT)");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("link-local (cloud metadata)");
        }
        if (a0 >= 224 && a0 <= 239) {
            return Optional.of("multicast");
        }
        if (a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xff) == 255) {
            return Optional.of("broadcast");
        }
        if (a0 >= 240 || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) || (a0 == 192 && a1 == 88 && a2 == 99)
                || (a0 == 198 && (a1 == 18 || a1 == 19)) || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return Optional.of("reserved");
        }
        return Optional.empty();
    }

    private static Optional<String> refusalOfIpv6(byte[] b) {
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return refusalOfIpv4(Arrays.copyOfRange(b, 12, 16)); // IPv4-mapped
                                                                 // ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 12)) {
            if (allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) {
                return Optional.of(b[15] == 1 ? "loopback" : "\"this network\"");
            }
            return refusalOfIpv4(Arrays.copyOfRange(b, 12, 16)); // IPv4-compatible
                                                                 // ::a.b.c.d
        }
        int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int second = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (first == 0x0064 && second == 0xff9b && allZero(b, 4, 12)) {
            return refusalOfIpv4(Arrays.copyOfRange(b, 12, 16)); // NAT64 64:ff9b::a.b.c.d
        }
        if (first == 0x0064 && second == 0xff9b) {
            return Optional.of("translated (local-use NAT64)");
        }
        if (first == 0x2002) {
            Optional<String> embedded = refusalOfIpv4(Arrays.copyOfRange(b, 2, 6)); // 6to4
                                                                                    // 2002:aabb:ccdd::
            return embedded.isPresent() ? embedded : Optional.empty();
        }
        if (first == 0x2001 && second == 0x0000) {
            return Optional.of("translated (Teredo)");
        }
        if (first == 0x2001 && second == 0x0db8) {
            return Optional.of("reserved (documentation)");
        }
        if ((first & 0xfe00) == 0xfc00) {
            return Optional.of("unique-local");
        }
        if ((first & 0xffc0) == 0xfe80) {
            return Optional.of("link-local");
        }
        if ((first & 0xffc0) == 0xfec0) {
            return Optional.of("site-local");
        }
        if ((first & 0xff00) == 0xff00) {
            return Optional.of("multicast");
        }
        if (first == 0x0100 && second == 0 && allZero(b, 4, 8)) {
            return Optional.of("reserved (discard)");
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The address a host spelling means when it is an IP literal, or null when it is a
     * DNS name. Bracketed hosts are IPv6; a host whose last label is numeric (decimal, or
     * hexadecimal with {@code 0x}) is IPv4 in the forms {@code inet_aton} accepts: one to
     * four parts, each decimal, octal (leading 0) or hexadecimal.
     */
    static @Nullable InetAddress literalAddress(String host) {
        if (host.startsWith("[")) {
            String inner = host.substring(1, host.length() - 1);
            if (!host.endsWith("]") || !IPV6_LITERAL.matcher(inner).matches() || !inner.contains(":")) {
                throw refused("The host " + host + " is not a valid IPv6 address.");
            }
            try {
                return InetAddress.getByName(inner); // a literal: no look-up
            }
            catch (UnknownHostException e) {
                throw refused("The host " + host + " is not a valid IPv6 address.");
            }
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = name.split("\\.", -1);
        if (!NUMERIC_PART.matcher(parts[parts.length - 1]).matches()) {
            return null;
        }
        if (parts.length > 4) {
            throw refused("The host " + host + " is not a valid IPv4 address.");
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = ipv4Part(parts[i], host);
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                throw refused("The host " + host + " is not a valid IPv4 address.");
            }
            address = (address << 8) | values[i];
        }
        int lastBits = 8 * (4 - (parts.length - 1));
        long last = values[parts.length - 1];
        if (last >= (1L << lastBits)) {
            throw refused("The host " + host + " is not a valid IPv4 address.");
        }
        address = (address << lastBits) | last;
        byte[] bytes = { (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address };
        try {
            return InetAddress.getByAddress(bytes);
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static long ipv4Part(String part, String host) {
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0 : parseBounded(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return parseBounded(part.substring(1), 8);
            }
            return parseBounded(part, 10);
        }
        catch (NumberFormatException e) {
            throw refused("The host " + host + " is not a valid IPv4 address.");
        }
    }

    private static long parseBounded(String digits, int radix) {
        if (digits.isEmpty() || digits.length() > 12) {
            throw new NumberFormatException(digits);
        }
        return Long.parseLong(digits, radix);
    }

    private static void checkName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.length() > 253 || name.isEmpty()) {
            throw refused("The host " + host + " is not a valid name.");
        }
        for (String label : name.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                throw refused("The host " + host + " is not a valid name.");
            }
        }
    }

    private static Rejected refused(String message) {
        return new Rejected("refused_url", message);
    }

}
