package org.confidant.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser on the dashboard, over plain HTTP, as a person would use it: keeps its cookies, and submits each form
 * with the CSRF token of the page it fetched last. Only the product's own pages are used to set a workspace up.
 */
final class Dashboard {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("^\\s*([^=;\\s]+)=([^;]*)");
    private static final Pattern INVITATION = Pattern.compile("/invite\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern INBOX = Pattern.compile("/app/inboxes/([0-9a-fA-F-]{36})/install");
    private static final Pattern MEMBER_CHECKBOX = Pattern.compile("name=\"member\" value=\"([0-9a-fA-F-]{36})\"");

    static final String PASSWORD = "bench passphrase 0123456789";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    Dashboard(String base) {
        this.base = base;
    }

    /** The Cookie header value, for an agent socket's handshake. */
    String cookieHeader() {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    /** Redeems the setup link: creates the workspace and its owner. */
    void setUp(String token, String workspace, String name, String email) {
        expect(get("/setup?token=" + token), 200, "setup page");
        HttpResponse<String> r = post("/setup", Map.of("token", token, "workspaceName", workspace, "displayName", name,
                "email", email, "password", PASSWORD));
        expect(r, 302, "setup");
    }

    /** Signs in; the session cookie then authenticates agent sockets. */
    void signIn(String email) {
        expect(get("/login"), 200, "sign-in page");
        HttpResponse<String> r = post("/login", Map.of("username", email, "password", PASSWORD));
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in refused: " + r.statusCode() + " " + location);
        }
    }

    /** Creates an inbox; returns its id. */
    String createInbox(String name) {
        expect(get("/app/inboxes"), 200, "inboxes page");
        HttpResponse<String> r = post("/app/inboxes", Map.of("name", name));
        expect(r, 302, "create inbox");
        Matcher m = INBOX.matcher(r.headers().firstValue("Location").orElse(""));
        if (!m.find()) {
            throw new IllegalStateException("no inbox id in " + r.headers().firstValue("Location"));
        }
        return m.group(1);
    }

    /** Saves the inbox's allowed domains on its install page. */
    void allowDomains(String inbox, String domains) {
        expect(get("/app/inboxes/" + inbox + "/install"), 200, "install page");
        expect(post("/app/inboxes/" + inbox + "/allowed-domains", Map.of("domains", domains)), 302,
                "save allowed domains");
    }

    /** Makes every member of the workspace a member of the inbox (agents read only their inboxes' conversations). */
    void addEveryoneToInbox(String inbox) {
        HttpResponse<String> page = get("/app/inboxes/" + inbox + "/members");
        expect(page, 200, "inbox members page");
        StringBuilder body = new StringBuilder("_csrf=").append(enc(csrf));
        Matcher m = MEMBER_CHECKBOX.matcher(page.body());
        while (m.find()) {
            body.append("&member=").append(m.group(1));
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/app/inboxes/" + inbox + "/members"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        expect(r, 302, "save inbox members");
    }

    /** Creates an invitation link (as the signed-in owner); returns its token. */
    String invite() {
        expect(get("/app/members"), 200, "members page");
        HttpResponse<String> r = post("/app/members/invitations", Map.of());
        expect(r, 200, "invitation");
        Matcher m = INVITATION.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no invitation link on the members page");
        }
        return m.group(1);
    }

    /** Accepts an invitation in this (anonymous) browser. */
    void acceptInvitation(String token, String name, String email) {
        expect(get("/invite?token=" + token), 200, "invitation page");
        HttpResponse<String> r = post("/invite", Map.of("token", token, "displayName", name, "email", email,
                "password", PASSWORD));
        expect(r, 302, "accept invitation");
    }

    /** The raw bytes of a public asset. */
    HttpResponse<byte[]> asset(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                    .header("Accept-Encoding", "identity").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.putIfAbsent("_csrf", csrf);
        }
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookieHeader());
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : r.headers().allValues("Set-Cookie")) {
                Matcher m = COOKIE.matcher(header);
                if (m.find()) {
                    if (m.group(2).isEmpty() || header.toLowerCase().contains("max-age=0")) {
                        cookies.remove(m.group(1));
                    } else {
                        cookies.put(m.group(1), m.group(2));
                    }
                }
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " (expected " + status + ") "
                    + r.headers().firstValue("Location").orElse(""));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
