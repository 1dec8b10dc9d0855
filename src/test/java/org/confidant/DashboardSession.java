package org.confidant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A signed-in dashboard browser for tests, over real HTTP: keeps the session cookie, and
 * sends the CSRF token that the last page it fetched carried, as a browser submitting
 * that page's form would.
 */
public final class DashboardSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final Pattern SESSION = Pattern.compile("(confidant_session=[^;]+)");

    private final HttpClient http;

    private final String base;

    private String cookie;

    private String csrf;

    private String userAgent;

    private DashboardSession(int port, InetAddress source) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
        this.http = (source == null ? builder : builder.localAddress(source)).build();
        this.base = "http://127.0.0.1:" + port;
    }

    /** A browser that has not signed in. */
    public static DashboardSession anonymous(int port) {
        return new DashboardSession(port, null);
    }

    /**
     * A browser that has not signed in, connecting from another loopback address
     * (127.0.0.2 and up).
     */
    public static DashboardSession anonymousFrom(int port, String loopbackAddress) {
        try {
            return new DashboardSession(port, InetAddress.getByName(loopbackAddress));
        }
        catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A browser holding the given session cookie ({@code name=value}), as an attacker who
     * obtained one would.
     */
    public static DashboardSession withCookie(int port, String cookie) {
        DashboardSession session = new DashboardSession(port, null);
        session.cookie = cookie;
        return session;
    }

    /**
     * What {@link #attemptSignIn} returns for an attempt refused by the throttle (429
     * with a Retry-After).
     */
    public static final String THROTTLED = "429 Too Many Requests";

    /**
     * One sign-in attempt from this browser's sign-in page; returns where it was sent, or
     * {@link #THROTTLED} when the throttle refused it (which must say, on the sign-in
     * page, why, and when to try again).
     */
    public String attemptSignIn(String email, String password) {
        get("/login");
        HttpResponse<String> response = post("/login", Map.of("username", email, "password", password));
        if (response.statusCode() == 429) {
            assertThat(response.headers().firstValue("Retry-After").orElseThrow()).as("Retry-After")
                .matches("[1-9][0-9]*");
            assertThat(response.body()).contains("Too many failed sign-ins").doesNotContain(password);
            return THROTTLED;
        }
        assertThat(response.statusCode()).as("sign-in answer").isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    /** Signs in with email and password; fails if the sign-in is refused. */
    public static DashboardSession signIn(int port, String email, String password) {
        DashboardSession session = new DashboardSession(port, null);
        session.get("/login");
        HttpResponse<String> response = session.post("/login", Map.of("username", email, "password", password));
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new AssertionError("sign-in refused: " + response.statusCode() + " " + location);
        }
        return session;
    }

    /** Sends this User-Agent header from now on, as a particular browser would. */
    public DashboardSession userAgent(String value) {
        this.userAgent = value;
        return this;
    }

    /** {@code confidant_session=...}, for a socket handshake. */
    public String cookie() {
        return cookie;
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return response;
    }

    /**
     * A GET with this Accept header (a browser navigating sends {@code text/html}, a
     * script {@code application/json}).
     */
    public HttpResponse<String> getAccepting(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    /** A form POST carrying the CSRF token of the last page fetched. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.putIfAbsent("_csrf", csrf);
        }
        return postRaw(path, fields);
    }

    /** A form POST with exactly these fields (no CSRF token added). */
    public HttpResponse<String> postRaw(String path, Map<String, String> fields) {
        String body = fields.entrySet()
            .stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * A POST of raw bytes (a file upload), with the CSRF token of the last page fetched
     * in the X-CSRF-TOKEN header.
     */
    public HttpResponse<String> postBytes(String path, byte[] content) {
        return fetch(path, "application/octet-stream", HttpRequest.BodyPublishers.ofByteArray(content));
    }

    /**
     * A POST of a JSON body (a fetch of the dashboard's scripts), with the CSRF token in
     * the X-CSRF-TOKEN header.
     */
    public HttpResponse<String> postJson(String path, String json) {
        return fetch(path, "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    /**
     * A script's POST: the body as it is, the CSRF token of the last page fetched in the
     * X-CSRF-TOKEN header.
     */
    private HttpResponse<String> fetch(String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(body);
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(request);
    }

    /** The CSRF token of the last page fetched. */
    public String csrf() {
        return csrf;
    }

    /** A GET whose answer is kept as bytes (a download). */
    public HttpResponse<byte[]> getBytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(header -> {
                Matcher matcher = SESSION.matcher(header);
                if (matcher.find()) {
                    cookie = matcher.group(1);
                }
            });
            return response;
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
