package org.confidant.sso;

import java.time.Duration;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The ID-token decoders of single sign-on: what Spring Security's
 * {@link OidcIdTokenDecoderFactory} makes (RS256, timestamps, the OpenID ID-token checks,
 * its claim types), except that the provider's key set is fetched through
 * {@link SsoOutbound}, guarded, instead of an unguarded client. Spring Security's OAuth
 * 2.0 login picks this bean up.
 */
@Component
class SsoIdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

    private final SsoOutbound outbound;

    private final Cache<String, JwtDecoder> decoders = Caffeine.newBuilder()
        .maximumSize(10_000)
        .expireAfterWrite(Duration.ofHours(1))
        .build();

    SsoIdTokenDecoders(SsoOutbound outbound) {
        this.outbound = outbound;
    }

    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        String key = registration.getRegistrationId() + " " + registration.getProviderDetails().getJwkSetUri();
        return decoders.get(key, k -> decoder(registration));
    }

    private JwtDecoder decoder(ClientRegistration registration) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
            .jwsAlgorithm(SignatureAlgorithm.RS256)
            .restOperations(outbound.restOperations())
            .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new OidcIdTokenValidator(registration)));
        decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
        return decoder;
    }

}
