package org.confidant.inbox;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.confidant.shared.Rejected;

/**
 * One entry of an inbox's allowed domains: an exact origin ({@code https://shop.example},
 * {@code
 * http://localhost:8080}) or, written explicitly, every subdomain of a domain
 * ({@code https://*.shop.example}, which does not include {@code shop.example} itself).
 * Scheme and effective port always count.
 */
public record AllowedOrigin(WebOrigin origin, boolean subdomains) {

    private static final int MAX_LENGTH = 300;

    private static final String WILDCARD = "*.";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * Reads an entry as a workspace admin writes it; internationalised domain names are
     * turned into their ASCII form. Anything else is {@link Rejected} with a message that
     * says what is wrong.
     */
    public static AllowedOrigin parse(String entry) {
        String text = entry == null ? "" : entry.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw refused(text, "write an origin such as https://shop.example");
        }
        URI uri;
        try {
            uri = new URI(text);
        }
        catch (URISyntaxException e) {
            throw refused(text, "this is not a URL");
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
            throw refused(text, "write the scheme too, such as https://shop.example");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused(text, "only http and https pages can embed the widget");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw refused(text, "an origin has no path, query, fragment or user name");
        }
        String authority = uri.getAuthority();
        boolean subdomains = authority.startsWith(WILDCARD);
        if (subdomains) {
            authority = authority.substring(WILDCARD.length());
        }
        WebOrigin origin = asciiOrigin(text, scheme, authority);
        if (subdomains && (IPV4.matcher(origin.host()).matches() || origin.host().indexOf('.') < 0)) {
            throw refused(text, "*. is followed by a domain of at least two labels, such as *.shop.example");
        }
        return new AllowedOrigin(origin, subdomains);
    }

    /** Whether a page of {@code candidate} may embed the widget under this entry. */
    public boolean permits(WebOrigin candidate) {
        if (!candidate.scheme().equals(origin.scheme()) || candidate.port() != origin.port()) {
            return false;
        }
        if (!subdomains) {
            return candidate.host().equals(origin.host());
        }
        return candidate.host().endsWith("." + origin.host());
    }

    /** The entry in its canonical form, as stored and shown. */
    @Override
    public String toString() {
        String exact = origin.toString();
        return subdomains ? exact.replace("://", "://" + WILDCARD) : exact;
    }

    /**
     * {@code host[:port]} (host possibly in Unicode) to an origin with an ASCII,
     * lower-case host.
     */
    private static WebOrigin asciiOrigin(String text, String scheme, String authority) {
        String host = authority;
        String port = "";
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            port = authority.substring(colon);
        }
        if (host.isEmpty() || host.endsWith(".") || host.contains("*")) {
            throw refused(text, "the host is not a domain name (a * may only open the host, as in *.shop.example)");
        }
        if (host.startsWith("[")) {
            throw refused(text, "IPv6 addresses cannot be listed (a Content-Security-Policy cannot name them)");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
        }
        catch (IllegalArgumentException e) {
            throw refused(text, "the host is not a valid domain name");
        }
        URI rebuilt;
        try {
            rebuilt = new URI(scheme + "://" + ascii.toLowerCase(Locale.ROOT) + port);
        }
        catch (URISyntaxException e) {
            throw refused(text, "the host or port is not valid");
        }
        if (rebuilt.getHost() == null) {
            throw refused(text, "the host or port is not valid");
        }
        int effective = WebOrigin.effectivePort(scheme, rebuilt.getPort());
        if (effective < 0) {
            throw refused(text, "the port is not valid");
        }
        return new WebOrigin(scheme, rebuilt.getHost(), effective);
    }

    private static Rejected refused(String text, String why) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return new Rejected("bad_allowed_domain", "\"" + shown + "\": " + why + ".");
    }
}
