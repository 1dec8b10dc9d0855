package org.confidant.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import org.confidant.egress.OutboundUrlGuard.OutboundTarget;
import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.modulith.NamedInterface;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * HTTP for one {@link Flow}, through the egress gate: each request's URL passes the
 * flow's SSRF guard ({@link OutboundUrlGuard}, with the operator's private allowlist of
 * the flow) and the operator's host allowlist ({@link Egress}), the host is resolved once
 * and every address checked, and the connection goes to exactly those addresses (DNS
 * rebinding gets no second look-up). No redirects, no proxy, no cookies, no retries,
 * short timeouts. A refused request sends nothing.
 */
@NamedInterface("api")
public final class OutboundHttp implements AutoCloseable {

    private final Egress egress;

    private final Flow flow;

    private final OutboundUrlGuard guard;

    private final Timeout timeout;

    private final CloseableHttpClient pooled;

    OutboundHttp(Egress egress, Flow flow, OutboundUrlGuard guard, Duration timeout) {
        this.egress = egress;
        this.flow = flow;
        this.guard = guard;
        this.timeout = Timeout.of(timeout);
        this.pooled = client(new GuardedResolver());
    }

    /**
     * Checks a URL against the guard and the gate, as it is configured or sent.
     * @throws Rejected {@code refused_url} (the guard) or {@code egress_refused} (the
     * gate); either is logged and audited
     */
    public OutboundTarget check(WorkspaceId workspaceId, String url) {
        OutboundTarget target;
        try {
            target = guard.check(url);
        }
        catch (Rejected refused) {
            egress.refused(flow, workspaceId, hostOf(url), refused.getMessage());
            throw refused;
        }
        egress.permit(flow, workspaceId, target.host(), target.port(), target.allowlisted());
        return target;
    }

    /**
     * {@link #check}, and the host resolved and every address checked now (a name of this
     * machine or its networks is refused before anything is saved).
     */
    public OutboundTarget checkResolved(WorkspaceId workspaceId, String url) {
        OutboundTarget target = check(workspaceId, url);
        try {
            guard.resolve(target);
        }
        catch (UnknownHostException e) {
            throw new Rejected("refused_url", "The host " + target.host() + " is not known.");
        }
        catch (Rejected refused) {
            egress.refused(flow, workspaceId, target.host(), refused.getMessage());
            throw refused;
        }
        return target;
    }

    /**
     * POSTs {@code body} for the workspace and answers the status code (a redirect is a
     * status like any other: it is not followed).
     * @throws Rejected when the guard or the gate refuses the URL
     * @throws IOException when the host is unknown or does not answer
     */
    public int post(WorkspaceId workspaceId, String url, String body, Map<String, String> headers, String userAgent)
            throws IOException {
        OutboundTarget target = check(workspaceId, url);
        List<InetAddress> addresses;
        try {
            addresses = guard.resolve(target);
        }
        catch (Rejected refused) {
            egress.refused(flow, workspaceId, target.host(), refused.getMessage());
            throw refused;
        }
        HttpPost post = new HttpPost(target.uri());
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        post.setHeader("User-Agent", userAgent);
        headers.forEach(post::setHeader);
        InetAddress[] checked = addresses.toArray(InetAddress[]::new);
        try (CloseableHttpClient client = client(new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return checked.clone();
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        })) {
            return client.execute(post, response -> response.getCode());
        }
    }

    /**
     * A {@link RestClient} builder whose every request is checked first and whose
     * connections are guarded (for clients that need converters of their own; its request
     * factory is the gate's and must stay so).
     */
    public RestClient.Builder restClient() {
        return RestClient.builder().requestFactory(requests()).requestInterceptor(checkEachRequest());
    }

    /** The same, as the {@code RestOperations} some libraries take. */
    public RestOperations restOperations() {
        RestTemplate rest = new RestTemplate(requests());
        rest.getInterceptors().add(checkEachRequest());
        return rest;
    }

    private ClientHttpRequestFactory requests() {
        return new HttpComponentsClientHttpRequestFactory(pooled);
    }

    private ClientHttpRequestInterceptor checkEachRequest() {
        return (request, body, execution) -> {
            try {
                check(null, request.getURI().toString());
            }
            catch (Rejected refused) {
                throw new RefusedConnection(refused.getMessage());
            }
            return execution.execute(request, body);
        };
    }

    @Override
    public void close() throws IOException {
        pooled.close();
    }

    private CloseableHttpClient client(DnsResolver resolver) {
        return HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
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

    private static String hostOf(String url) {
        try {
            String host = java.net.URI.create(url == null ? "" : url.strip()).getHost();
            return host == null ? "(no host)" : host;
        }
        catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }

    /**
     * A request the guard or the gate refused: an I/O failure to every caller, so that
     * nothing connects and nothing retries.
     */
    public static final class RefusedConnection extends IOException {

        RefusedConnection(String message) {
            super(message);
        }

    }

    /**
     * The pooled client's DNS: the guard resolves the name once and checks every address
     * (a literal is checked as the address it means); connections go to those addresses
     * only.
     */
    private final class GuardedResolver implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return resolveChecked(host, 443).toArray(InetAddress[]::new);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return resolveChecked(host, port).stream().map(a -> new InetSocketAddress(a, port)).toList();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }

        private List<InetAddress> resolveChecked(String host, int port) throws UnknownHostException {
            String written = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            try {
                return guard.resolve(guard.check("https://" + written + ":" + port));
            }
            catch (Rejected refused) {
                throw new UnknownHostException("refused by the SSRF guard: " + refused.getMessage());
            }
        }

    }

}
