package org.confidant.egress;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The egress gate's settings ({@code confidant.egress.*}, documented in
 * {@code docs/operations.md}).
 *
 * @param allowedHosts the hosts that the flows whose target a workspace chooses (alert
 * webhooks and Slack, single sign-on providers) may connect to: {@code host} (any port),
 * {@code host:port}, or {@code *.domain} (every name under the domain, not the domain
 * itself), the host as URLs write it. Empty by default: such flows reach only what the
 * operator named in their own settings ({@code confidant.alerts.allowed-targets},
 * {@code confidant.sso.allowed-private-hosts}); everything else is refused, logged and
 * audited
 */
@ConfigurationProperties("confidant.egress")
public record EgressSettings(@DefaultValue List<String> allowedHosts) {

    public EgressSettings {
        allowedHosts = allowedHosts.stream()
            .map(h -> h.strip().toLowerCase(Locale.ROOT))
            .filter(h -> !h.isEmpty())
            .toList();
        for (String entry : allowedHosts) {
            String host = entry.startsWith("*.") ? entry.substring(2) : entry;
            if (host.isEmpty() || host.contains("*") || host.contains("/") || host.contains("@")) {
                throw new IllegalArgumentException(
                        "confidant.egress.allowed-hosts: \"" + entry + "\" is not a host, host:port or *.domain");
            }
        }
    }

    /**
     * Whether {@code host} (as a URL writes it, lower case) on {@code port} is listed.
     */
    boolean allows(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String entry : allowedHosts) {
            if (entry.equals(name) || entry.equals(name + ":" + port)
                    || (entry.startsWith("*.") && name.endsWith(entry.substring(1)))) {
                return true;
            }
        }
        return false;
    }

}
