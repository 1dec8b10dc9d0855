package org.confidant.inbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import org.springframework.modulith.NamedInterface;

/**
 * A web origin as a browser sends it in {@code Origin}: {@code scheme://host[:port]},
 * nothing else. Only {@code http} and {@code https}; the host is compared in lower case;
 * the port is the effective one (443 or 80 when absent).
 */
@NamedInterface("api")
public record WebOrigin(String scheme, String host, int port) {

    private static final int MAX_LENGTH = 300;

    /**
     * Reads an {@code Origin} header (or an origin the widget reports). Anything that is
     * not exactly an origin is empty: {@code null}, the string {@code "null"}, other
     * schemes, paths, user info, non-ASCII or percent-encoded hosts, spaces.
     */
    public static Optional<WebOrigin> parse(String header) {
        if (header == null || header.isEmpty() || header.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(header);
        }
        catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = effectivePort(scheme, uri.getPort());
        if (port < 0) {
            return Optional.empty();
        }
        return Optional.of(new WebOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port));
    }

    /**
     * The port a URL of {@code scheme} with {@code port} (-1 for none) connects to; -1
     * when the scheme is not web.
     */
    static int effectivePort(String scheme, int port) {
        int standard = switch (scheme) {
            case "https" -> 443;
            case "http" -> 80;
            default -> -1;
        };
        if (standard < 0 || port == 0 || port > 65535) {
            return -1;
        }
        return port == -1 ? standard : port;
    }

    /** The origin as browsers write it (the default port left out). */
    @Override
    public String toString() {
        return scheme + "://" + host + (port == effectivePort(scheme, -1) ? "" : ":" + port);
    }
}
