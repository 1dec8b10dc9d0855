package org.confidant.alert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.confidant.shared.Rejected;
import org.confidant.system.OutboundUrlGuard.OutboundTarget;
import org.springframework.stereotype.Component;

import org.confidant.system.OutboundUrlGuard;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers alerts over HTTP: the signed webhook (the alert as JSON, with
 * {@code Confidant-Timestamp} and {@code
 * Confidant-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">}) and the
 * Slack-compatible incoming webhook ({@code {"text": ...}}). Each attempt checks the URL
 * again, resolves its host once through {@link OutboundUrlGuard} and connects only to the
 * addresses it checked (the client's resolver answers with them, whatever it is asked);
 * redirects are not followed, no proxy is used, timeouts are short.
 */
@Component
class WebhookCourier {

    static final String TIMESTAMP_HEADER = "Confidant-Timestamp";
    static final String SIGNATURE_HEADER = "Confidant-Signature";
    static final String DELIVERY_HEADER = "Confidant-Delivery";

    private final OutboundUrlGuard guard;

    private final JsonMapper json;

    private final Clock clock;

    private final Timeout timeout;

    WebhookCourier(OutboundUrlGuard guard, JsonMapper json, Clock clock, AlertSettings settings) {
        this.guard = guard;
        this.json = json;
        this.clock = clock;
        this.timeout = Timeout.of(settings.timeout());
    }

    void sendSigned(String url, String secret, String deliveryId, AlertContent content) throws DeliveryFailed {
        String body = json.writeValueAsString(content);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        post(url, body, Map.of(TIMESTAMP_HEADER, timestamp, SIGNATURE_HEADER, "v1=" + sign(secret, timestamp, body),
                DELIVERY_HEADER, deliveryId));
    }

    void sendSlack(String url, AlertContent content) throws DeliveryFailed {
        post(url, json.writeValueAsString(Map.of("text", slackEscaped(content.text()))), Map.of());
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

    private void post(String url, String body, Map<String, String> headers) throws DeliveryFailed {
        OutboundTarget target;
        List<InetAddress> addresses;
        try {
            target = guard.check(url);
            addresses = guard.resolve(target);
        }
        catch (Rejected refused) {
            throw new DeliveryFailed("refused: " + refused.getMessage());
        }
        catch (UnknownHostException e) {
            throw new DeliveryFailed("unknown host");
        }
        HttpPost post = new HttpPost(target.uri());
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        post.setHeader("User-Agent", "Confidant-Alerts");
        headers.forEach(post::setHeader);
        try (CloseableHttpClient client = clientConnectingOnlyTo(addresses)) {
            int status = client.execute(post, response -> response.getCode());
            if (status >= 300 && status < 400) {
                throw new DeliveryFailed("HTTP " + status + ": redirects are not followed");
            }
            if (status < 200 || status >= 300) {
                throw new DeliveryFailed("HTTP " + status);
            }
        }
        catch (IOException e) {
            throw new DeliveryFailed(e.getClass().getSimpleName() + " reaching " + target.host() + ":" + target.port());
        }
    }

    private CloseableHttpClient clientConnectingOnlyTo(List<InetAddress> addresses) {
        InetAddress[] checked = addresses.toArray(InetAddress[]::new);
        DnsResolver pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return checked.clone();
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        return HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(pinned)
                .setDefaultConnectionConfig(
                        ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                .build())
            .setDefaultRequestConfig(RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setResponseTimeout(timeout)
                .setConnectionRequestTimeout(timeout)
                .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .build();
    }

}
