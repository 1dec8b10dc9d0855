package org.confidant.sso;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on settings.
 *
 * @param allowLoopbackHttpIssuers accept {@code http://} issuer URLs on a loopback
 * address (127.0.0.0/8, ::1, localhost): for a local trial and the tests; everywhere else
 * an issuer is {@code https://}. Loopback is still refused by the SSRF guard unless it is
 * also in {@code allowedPrivateHosts}
 * @param signInTimeout how long a started sign-in waits for the provider's answer
 * @param allowedPrivateHosts identity providers the SSRF guard lets through although
 * their address is loopback, private, link-local or otherwise refused: {@code host} (any
 * port) or {@code
 *                                 host:port}, the host as the URLs write it
 * ({@code idp.corp.internal}, {@code 10.0.0.5:8443}, {@code [fd00::5]}); for a provider
 * that really lives on a private network. Empty by default: no provider URL reaches this
 * machine or its networks
 * @param timeout connect and response timeout of each request to a provider (discovery,
 * keys, token)
 */
@ConfigurationProperties("confidant.sso")
public record SsoSettings(@DefaultValue("false") boolean allowLoopbackHttpIssuers,
        @DefaultValue("10m") Duration signInTimeout, @DefaultValue List<String> allowedPrivateHosts,
        @DefaultValue("10s") Duration timeout) {

    public SsoSettings {
        allowedPrivateHosts = List.copyOf(allowedPrivateHosts);
    }
}
