package org.confidant.alert;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.confidant.egress.Egress;
import org.confidant.egress.Flow;
import org.confidant.egress.OutboundHttp;
import org.confidant.egress.OutboundUrlGuard;
import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers alerts over HTTP through the egress gate: the signed webhook (the alert as
 * JSON, with {@code Confidant-Timestamp} and {@code
 * Confidant-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">}) and the
 * Slack-compatible incoming webhook ({@code {"text": ...}}). Each attempt checks the URL
 * again with the alerts' SSRF guard ({@code confidant.alerts.allowed-targets}) and the
 * operator's host allowlist, resolves its host once and connects only to the addresses it
 * checked (see {@link OutboundHttp}); redirects are not followed, no proxy is used,
 * timeouts are short.
 */
@Component
class WebhookCourier implements DisposableBean {

    static final String TIMESTAMP_HEADER = "Confidant-Timestamp";
    static final String SIGNATURE_HEADER = "Confidant-Signature";
    static final String DELIVERY_HEADER = "Confidant-Delivery";

    private final OutboundHttp signed;

    private final OutboundHttp slack;

    private final JsonMapper json;

    private final Clock clock;

    WebhookCourier(Egress egress, OutboundUrlGuard guard, JsonMapper json, Clock clock, AlertSettings settings) {
        this.signed = egress.http(Flow.ALERT_WEBHOOK, guard, settings.timeout());
        this.slack = egress.http(Flow.ALERT_SLACK, guard, settings.timeout());
        this.json = json;
        this.clock = clock;
    }

    void sendSigned(WorkspaceId workspaceId, String url, String secret, String deliveryId, AlertContent content)
            throws DeliveryFailed {
        String body = json.writeValueAsString(content);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        post(signed, workspaceId, url, body, Map.of(TIMESTAMP_HEADER, timestamp, SIGNATURE_HEADER,
                "v1=" + sign(secret, timestamp, body), DELIVERY_HEADER, deliveryId));
    }

    /**
     * Checks a webhook's URL as it is saved, as a delivery will: the SSRF guard, then the
     * egress gate's allowlist; a refusal is logged and audited in the workspace.
     * @return the URL as it is stored
     * @throws Rejected {@code refused_url} or {@code egress_refused}
     */
    String checkOnSave(WorkspaceId workspaceId, ChannelKind kind, String url) {
        OutboundHttp http = kind == ChannelKind.SLACK ? slack : signed;
        return http.check(workspaceId, url).uri().toString();
    }

    void sendSlack(WorkspaceId workspaceId, String url, AlertContent content) throws DeliveryFailed {
        post(slack, workspaceId, url, json.writeValueAsString(Map.of("text", slackEscaped(content.text()))), Map.of());
    }

    /**
     * Slack reads {@code <...>} as links and mentions ({@code <!channel>}); a workspace
     * or member name must not ping anyone, so the three characters Slack asks to escape
     * are escaped.
     */
    static String slackEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of
     * {@code "<timestamp>.<body>"}.
     */
    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static void post(OutboundHttp http, WorkspaceId workspaceId, String url, String body,
            Map<String, String> headers) throws DeliveryFailed {
        int status;
        try {
            status = http.post(workspaceId, url, body, headers, "Confidant-Alerts");
        }
        catch (Rejected refused) {
            throw new DeliveryFailed("refused: " + refused.getMessage());
        }
        catch (UnknownHostException e) {
            throw new DeliveryFailed("unknown host");
        }
        catch (IOException e) {
            throw new DeliveryFailed(e.getClass().getSimpleName() + " reaching " + hostAndPort(url));
        }
        if (status >= 300 && status < 400) {
            throw new DeliveryFailed("HTTP " + status + ": redirects are not followed");
        }
        if (status < 200 || status >= 300) {
            throw new DeliveryFailed("HTTP " + status);
        }
    }

    /** The host and port of a URL the guard accepted, for a delivery's error. */
    private static String hostAndPort(String url) {
        URI uri = URI.create(url.strip());
        int port = uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        return uri.getHost() + ":" + port;
    }

    @Override
    public void destroy() throws IOException {
        signed.close();
        slack.close();
    }

}
