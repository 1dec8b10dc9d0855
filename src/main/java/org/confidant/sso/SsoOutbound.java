package org.confidant.sso;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.confidant.system.OutboundUrlGuard;
import org.confidant.system.OutboundUrlGuard.OutboundTarget;
import org.confidant.shared.Rejected;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The single sign-on client's only way to the network: every request to a provider
 * (discovery, keys, token; user info is never asked for) goes through here. Each URL
 * passes the alert module's SSRF guard ({@link OutboundUrlGuard}: {@code https} only, no
 * loopback, private, link-local, unique-local or otherwise refused address in any
 * spelling) before the request, and the host name again after DNS resolution, inside the
 * HTTP client's own resolver, so the connection goes to exactly the addresses that were
 * checked. Redirects are not followed, no proxy is used, timeouts are short.
 * {@code confidant.sso.allowed-private-hosts} lets a provider on a private network
 * through; {@code http://} stays refused except on an allowlisted loopback host when
 * {@code
 * confidant.sso.allow-loopback-http-issuers} is on (a local trial, the tests).
 *
 * <p>
 * The guard lives in {@code alert} (its public API) and is used here rather than moved:
 * {@code alert} does not depend on {@code sso}, so there is no cycle, and the egress gate
 * (issue: privacy at ingest) will take both over.
 */
@Component
class SsoOutbound implements DisposableBean {

    private final OutboundUrlGuard guard;

    private final SsoSettings settings;

    private final CloseableHttpClient client;

    private final ClientHttpRequestFactory requests;

    SsoOutbound(SsoSettings settings) {
        this.settings = settings;
        List<String> targets = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String entry : settings.allowedPrivateHosts()) {
            String host = entry.strip();
            boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
            (hasPort ? targets : hosts).add(host);
        }
        this.guard = OutboundUrlGuard.allowing(targets, hosts);
        Timeout timeout = Timeout.of(settings.timeout());
        this.client = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedResolver())
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
        this.requests = new HttpComponentsClientHttpRequestFactory(client);
    }

    /**
     * Checks a provider URL as it is configured or named by a discovery document: the
     * guard's rules, and {@code
     * http://} only where allowed. A refusal is a {@link Rejected} saying why
     * ({@code refused_url}).
     */
    OutboundTarget check(String url) {
        OutboundTarget target = guard.check(url);
        String scheme = target.uri().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowLoopbackHttpIssuers()
                && target.allowlisted() && isLoopback(target))) {
            throw new Rejected("refused_url", "Only https:// URLs are accepted for a single sign-on provider.");
        }
        return target;
    }

    /**
     * {@link #check}, and the host's addresses resolved and checked now (the connection
     * checks them again).
     */
    void checkResolved(String url) {
        OutboundTarget target = check(url);
        try {
            guard.resolve(target);
        }
        catch (UnknownHostException e) {
            throw new Rejected("refused_url", "The host " + target.host() + " is not known.");
        }
    }

    /**
     * A {@link RestClient} whose every request is checked and whose connections are
     * guarded.
     */
    RestClient.Builder restClient() {
        return RestClient.builder().requestFactory(requests).requestInterceptor(checkEachRequest());
    }

    /** The same, as the {@code RestOperations} Nimbus's key source takes. */
    RestTemplate restOperations() {
        RestTemplate rest = new RestTemplate(requests);
        rest.getInterceptors().add(checkEachRequest());
        return rest;
    }

    private ClientHttpRequestInterceptor checkEachRequest() {
        return (request, body, execution) -> {
            try {
                check(request.getURI().toString());
            }
            catch (Rejected refused) {
                throw new RefusedConnection(refused.getMessage());
            }
            return execution.execute(request, body);
        };
    }

    private boolean isLoopback(OutboundTarget target) {
        try {
            List<InetAddress> addresses = target.isLiteral() ? List.of(target.literal())
                    : List.of(InetAddress.getAllByName(target.host()));
            return addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        }
        catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }

    /**
     * A request the guard refused: an I/O failure to every caller, so that nothing
     * connects and nothing retries.
     */
    static final class RefusedConnection extends IOException {

        RefusedConnection(String message) {
            super(message);
        }

    }

    /**
     * The client's DNS: the guard resolves the name once and checks every address (a
     * literal is checked as the address it means); the connection is made to those
     * addresses only, so DNS rebinding has no second look-up to answer differently.
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
