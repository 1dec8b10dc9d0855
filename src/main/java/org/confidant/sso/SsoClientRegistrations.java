package org.confidant.sso;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.confidant.crypto.FieldEncryption;
import org.confidant.shared.Rejected;
import org.confidant.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The client registrations of Spring Security's OAuth 2.0 login, one per workspace
 * provider, the registration id being the provider's id. Each is built from the
 * provider's discovery document, read through the SSRF guard ({@link SsoDiscovery}), and
 * kept for an hour (or until the provider changes); the client secret is decrypted only
 * to build it. An id that is not a provider's finds nothing, and so does a provider whose
 * document is refused or unreachable.
 */
@Component
class SsoClientRegistrations implements ClientRegistrationRepository {

    private static final String SIGN_IN = "a sign-in names its provider by id alone";

    private static final Logger log = LoggerFactory.getLogger(SsoClientRegistrations.class);

    private final SsoProviders providers;

    private final FieldEncryption encryption;

    private final SsoDiscovery discovery;

    private final Cache<UUID, ClientRegistration> built = Caffeine.newBuilder()
        .maximumSize(10_000)
        .expireAfterWrite(Duration.ofHours(1))
        .build();

    SsoClientRegistrations(SsoProviders providers, FieldEncryption encryption, SsoDiscovery discovery) {
        this.providers = providers;
        this.encryption = encryption;
        this.discovery = discovery;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return providerId(registrationId).map(id -> built.get(id, this::buildAcrossWorkspaces)).orElse(null);
    }

    /**
     * Whether the registration id names a provider (without building its registration).
     */
    boolean exists(String registrationId) {
        return providerId(registrationId).flatMap(id -> Tenancy.system(SIGN_IN, () -> providers.provider(id)))
            .isPresent();
    }

    void forget(UUID providerId) {
        built.invalidate(providerId);
    }

    /**
     * A provider id is all a sign-in starts from: found across workspaces, then built
     * within its own.
     */
    private ClientRegistration buildAcrossWorkspaces(UUID id) {
        return Tenancy.system(SIGN_IN, () -> build(id));
    }

    private ClientRegistration build(UUID id) {
        SsoProvider provider = providers.provider(id).orElse(null);
        if (provider == null) {
            return null;
        }
        ClientRegistration.Builder discovered;
        try {
            discovered = discovery.forWorkspace(provider.workspaceId(), () -> discovery.discover(provider.issuer()));
        }
        catch (Rejected refused) {
            // refused by the SSRF guard, or unreachable: no registration, so the sign-in
            // fails (and connects nowhere)
            log.warn("single sign-on provider {} is not available: {}", id, refused.getMessage());
            return null;
        }
        String secret = encryption.decrypt(provider.workspaceId(), SsoManagement.CLIENT_SECRET, id,
                providers.clientSecret(id).orElseThrow());
        return discovered.registrationId(id.toString())
            .clientId(provider.clientId())
            .clientSecret(secret)
            .scope(OidcScopes.OPENID, OidcScopes.EMAIL, OidcScopes.PROFILE)
            .redirectUri("{baseUrl}" + SsoProvider.CALLBACK_BASE + "/{registrationId}")
            .build();
    }

    /** The provider id a registration id stands for: a canonical UUID, or nothing. */
    static Optional<UUID> providerId(String registrationId) {
        if (registrationId == null || registrationId.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(registrationId);
            return id.toString().equals(registrationId) ? Optional.of(id) : Optional.empty();
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
