package org.confidant.sso;

import java.net.URI;
import java.util.Map;

import org.confidant.shared.Rejected;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;
import java.util.function.Supplier;

import org.confidant.shared.WorkspaceId;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads a provider's OpenID discovery document through {@link SsoOutbound} (never Spring
 * Security's own unguarded client), when a provider is saved and whenever its
 * registration is built for a sign-in. The document must name the configured issuer
 * exactly, and the URLs Confidant's server will fetch ({@code jwks_uri},
 * {@code token_endpoint}) must pass the SSRF guard; {@code userinfo_endpoint} is dropped,
 * since nothing ever asks for user info.
 */
@Component
class SsoDiscovery {

    private static final ParameterizedTypeReference<Map<String, Object>> DOCUMENT = new ParameterizedTypeReference<>() {
    };

    private final SsoOutbound outbound;

    private final RestClient rest;

    SsoDiscovery(SsoOutbound outbound) {
        this.outbound = outbound;
        this.rest = outbound.restClient().build();
    }

    /**
     * The registration builder of the issuer's provider, its server-side URLs checked.
     * @throws Rejected {@code refused_url} when the issuer or a URL of its document is
     * refused by the guard, {@code
     *                  issuer_unreachable} when the document cannot be read or does not
     * name the issuer
     */
    ClientRegistration.Builder discover(String issuer) {
        outbound.check(issuer);
        Map<String, Object> document;
        try {
            document = rest.get()
                .uri(URI.create(issuer.endsWith("/") ? issuer + ".well-known/openid-configuration"
                        : issuer + "/.well-known/openid-configuration"))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(DOCUMENT);
        }
        catch (RestClientException | IllegalArgumentException e) {
            throw unreachable();
        }
        if (document == null || !issuer.equals(document.get("issuer"))
                || !(document.get("jwks_uri") instanceof String keys)
                || !(document.get("token_endpoint") instanceof String token)) {
            throw unreachable();
        }
        outbound.check(keys);
        outbound.check(token);
        try {
            return ClientRegistrations.fromOidcConfiguration(document).userInfoUri(null);
        }
        catch (RuntimeException e) {
            throw unreachable();
        }
    }

    /**
     * At set-up, before anything is stored: the token endpoint's host is resolved through
     * the guard (a name of this machine or its networks is refused now, not at the first
     * sign-in), and the key set is fetched once, guarded, as proof that it answers.
     */
    void checkBeforeSaving(ClientRegistration registration) {
        outbound.checkResolved(registration.getProviderDetails().getTokenUri());
        try {
            rest.get()
                .uri(URI.create(registration.getProviderDetails().getJwkSetUri()))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(DOCUMENT);
        }
        catch (RestClientException | IllegalArgumentException e) {
            throw new Rejected("issuer_unreachable",
                    "That issuer's key set (jwks_uri) did not answer, or may not be" + " reached from here.");
        }
    }

    /** Runs work whose connections are for the workspace (a refusal is audited there). */
    <T> T forWorkspace(WorkspaceId workspaceId, Supplier<T> work) {
        return outbound.forWorkspace(workspaceId, work);
    }

    private static Rejected unreachable() {
        return new Rejected("issuer_unreachable", "That issuer did not answer with a valid OpenID Connect "
                + "configuration naming itself as issuer, whose key set and token endpoint may be reached from here.");
    }

}
