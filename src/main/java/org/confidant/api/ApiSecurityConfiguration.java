package org.confidant.api;

import org.confidant.ratelimit.RateLimits;
import org.confidant.system.SecurityHeaders;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The API's filter chain ({@code /api/**}): stateless, an API token in the
 * {@code Authorization} header is the only credential it hears (no cookie, hence no
 * CSRF), and every answer is JSON under a policy that lets nothing load.
 *
 * <p>
 * The API's own filter chain is stateless: a bearer token in the {@code Authorization}
 * header is the only way in (never a cookie, so no CSRF; never a query parameter, so
 * tokens stay out of logs and histories). Every refusal of a token answers the same 401,
 * whether it is unknown, tampered, expired, revoked or its member is gone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiSecurityConfiguration {

    @Bean
    @Order(SecurityHeaders.API_CHAIN)
    SecurityFilterChain api(HttpSecurity http, ApiTokenManagement tokens, RateLimits rateLimits) throws Exception {
        return http.securityMatcher("/api/**")
            .addFilterBefore(new ApiTokenFilter(tokens, rateLimits), AnonymousAuthenticationFilter.class)
            .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .securityContext(context -> context.requireExplicitSave(true))
            .csrf(csrf -> csrf.disable())
            .anonymous(anonymous -> anonymous.disable())
            .headers(SecurityHeaders.api())
            .build();
    }

}
