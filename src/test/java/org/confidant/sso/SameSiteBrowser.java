package org.confidant.sso;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's cookie handling, as far as single sign-on depends on it: cookies are kept
 * per host, and a top-level navigation whose redirect chain has crossed to another site
 * (here: another host) sends the host's {@code SameSite=Lax} and {@code None} cookies but
 * withholds its {@code SameSite=Strict} ones (RFC 6265bis, as Chromium and Firefox do). A
 * {@code <meta http-equiv="refresh">} page starts a new, same-site navigation.
 */
final class SameSiteBrowser {

    record Cookie(String value, String sameSite) {
    }

    /** One hop of a navigation. */
    record Hop(URI uri, int status, String location, String body, Map<String, String> cookiesSent) {
    }

    private static final Pattern META_REFRESH = Pattern.compile("http-equiv=\"refresh\" content=\"0;url=([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final Map<String, Map<String, Cookie>> jar = new LinkedHashMap<>();

    private final java.util.List<Hop> history = new java.util.ArrayList<>();

    /**
     * Follows a top-level navigation started from a page of {@code initiatorHost};
     * returns the last hop.
     */
    Hop navigate(String url, String initiatorHost) {
        URI uri = URI.create(url);
        boolean crossSite = !uri.getHost().equals(initiatorHost);
        for (int hops = 0; hops < 20; hops++) {
            crossSite |= !uri.getHost().equals(initiatorHost);
            Hop hop = get(uri, crossSite);
            history.add(hop);
            if (hop.location() == null) {
                Matcher refresh = META_REFRESH.matcher(hop.body());
                if (hop.status() == 200 && refresh.find()) {
                    // a page of this host navigates: a new chain, initiated by this host
                    return navigate(uri.resolve(refresh.group(1)).toString(), uri.getHost());
                }
                return hop;
            }
            uri = uri.resolve(hop.location());
        }
        throw new AssertionError("too many redirects");
    }

    /** Every hop so far. */
    java.util.List<Hop> history() {
        return history;
    }

    /** Puts a cookie into the jar, as an attacker who copied one would. */
    void setCookie(String host, String name, String value, String sameSite) {
        jar.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(name, new Cookie(value, sameSite));
    }

    Map<String, Cookie> cookiesOf(String host) {
        return jar.getOrDefault(host, Map.of());
    }

    /**
     * Fetches one URL without following anything, as a same-site request would (for
     * replays of a captured URL).
     */
    Hop fetch(String url, boolean crossSite) {
        Hop hop = get(URI.create(url), crossSite);
        history.add(hop);
        return hop;
    }

    private Hop get(URI uri, boolean crossSite) {
        Map<String, String> sent = cookiesOf(uri.getHost()).entrySet()
            .stream()
            .filter(e -> !crossSite || !"strict".equals(e.getValue().sameSite()))
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value(), (a, b) -> a, LinkedHashMap::new));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (!sent.isEmpty()) {
            request.header("Cookie",
                    sent.entrySet()
                        .stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(header -> store(uri.getHost(), header));
            Optional<String> location = response.headers().firstValue("Location");
            return new Hop(uri, response.statusCode(), location.orElse(null), response.body(), sent);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void store(String host, String header) {
        String[] parts = header.split(";");
        String[] nameValue = parts[0].split("=", 2);
        String sameSite = "lax"; // the default of current browsers
        boolean expired = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip().toLowerCase(Locale.ROOT);
            if (attribute.startsWith("samesite=")) {
                sameSite = attribute.substring("samesite=".length());
            }
            if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")) {
                expired = true;
            }
        }
        Map<String, Cookie> cookies = jar.computeIfAbsent(host, h -> new LinkedHashMap<>());
        if (expired) {
            cookies.remove(nameValue[0].strip());
        }
        else {
            cookies.put(nameValue[0].strip(), new Cookie(nameValue[1].strip(), sameSite));
        }
    }

}
