package org.confidant.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The filter chains of what anyone may load: the <b>well-known</b> chain serves what the
 * deployment publishes (its signing key's public half); the <b>widget</b> chain serves
 * the loader, the iframe app and the visitor socket; the <b>demo</b> chain the demo page.
 * Both are public and stateless (no session cookie); nothing in them may be framed,
 * except the iframe document, which the widget's controller serves with a
 * {@code frame-ancestors} of its inbox's allowed domains. The API's chain is the
 * {@code api} module's, the dashboard's the {@code signin} module's;
 * {@link SecurityHeaders} orders them all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    /**
     * What the deployment publishes for anyone to check its signatures with: public,
     * stateless, no cookie, the API's headers (nothing loads, runs or is framed).
     */
    @Bean
    @Order(SecurityHeaders.WELL_KNOWN_CHAIN)
    SecurityFilterChain wellKnown(HttpSecurity http) throws Exception {
        return http.securityMatcher("/.well-known/**")
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .csrf(csrf -> csrf.disable())
            .headers(SecurityHeaders.api())
            .build();
    }

    @Bean
    @Order(SecurityHeaders.DEMO_CHAIN)
    SecurityFilterChain demo(HttpSecurity http) throws Exception {
        return http.securityMatcher("/demo/**")
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .csrf(csrf -> csrf.disable())
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.DEMO_CSP))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
            .build();
    }

    @Bean
    @Order(SecurityHeaders.WIDGET_CHAIN)
    SecurityFilterChain widget(HttpSecurity http) throws Exception {
        return http.securityMatcher("/widget/**", "/ws/visitor")
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .csrf(csrf -> csrf.disable())
            .headers(headers -> headers.frameOptions(frame -> frame.disable())
                .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.WIDGET_CSP))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .cacheControl(cache -> cache.disable()))
            .build();
    }

}
