package org.confidant.sso;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.confidant.egress.Egress;
import org.confidant.egress.Flow;
import org.confidant.egress.OutboundHttp;
import org.confidant.egress.OutboundUrlGuard;
import org.confidant.egress.OutboundUrlGuard.OutboundTarget;
import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestOperations;

/**
 * The single sign-on client's only way to the network: every request to a provider
 * (discovery, keys, token; user info is never asked for) goes through the egress gate's
 * {@link OutboundHttp} for {@link Flow#SSO_PROVIDER}. Each URL passes the SSRF guard
 * ({@link OutboundUrlGuard}: {@code https} only, no loopback, private, link-local,
 * unique-local or otherwise refused address in any spelling) and the operator's host
 * allowlist before the request, and the host name again after DNS resolution, inside the
 * HTTP client's own resolver, so the connection goes to exactly the addresses that were
 * checked. Redirects are not followed, no proxy is used, timeouts are short.
 * {@code confidant.sso.allowed-private-hosts} lets a provider on a private network
 * through (and counts as the operator's permission); {@code http://} stays refused except
 * on an allowlisted loopback host when {@code
 * confidant.sso.allow-loopback-http-issuers} is on (a local trial, the tests).
 */
@Component
class SsoOutbound implements DisposableBean {

    private final Egress egress;

    private final SsoSettings settings;

    private final OutboundHttp http;

    SsoOutbound(Egress egress, SsoSettings settings) {
        this.egress = egress;
        this.settings = settings;
        List<String> targets = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String entry : settings.allowedPrivateHosts()) {
            String host = entry.strip();
            boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
            (hasPort ? targets : hosts).add(host);
        }
        this.http = egress.http(Flow.SSO_PROVIDER, OutboundUrlGuard.allowing(targets, hosts), settings.timeout());
    }

    /**
     * Checks a provider URL as it is configured or named by a discovery document: the
     * guard's rules, the operator's allowlist, and {@code http://} only where allowed. A
     * refusal is a {@link Rejected} saying why ({@code refused_url},
     * {@code egress_refused}).
     */
    OutboundTarget check(String url) {
        OutboundTarget target = http.check(null, url);
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
        check(url);
        http.checkResolved(null, url);
    }

    /** Runs work whose connections are for the workspace (a refusal is audited there). */
    <T> T forWorkspace(WorkspaceId workspaceId, java.util.function.Supplier<T> work) {
        return egress.onBehalfOf(workspaceId, work);
    }

    /**
     * A {@link RestClient} builder whose every request is checked and whose connections
     * are guarded.
     */
    RestClient.Builder restClient() {
        return http.restClient();
    }

    /** The same, as the {@code RestOperations} Nimbus's key source takes. */
    RestOperations restOperations() {
        return http.restOperations();
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
        http.close();
    }

}
