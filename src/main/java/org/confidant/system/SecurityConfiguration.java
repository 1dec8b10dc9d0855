package org.confidant.system;

import org.confidant.api.ApiTokenFilter;
import org.confidant.api.ApiTokenManagement;
import org.confidant.identity.SignInSteps;
import org.confidant.identity.SignInThrottle;
import org.confidant.ratelimit.RateLimits;
import org.confidant.identity.SignInThrottleFilter;
import org.confidant.sso.SingleSignOn;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Four filter chains.
 *
 * <p>The <b>widget</b> chain serves what visitors load: the loader, the iframe app, the demo pages and the visitor
 * socket. It is public and stateless (no session cookie); nothing in it may be framed, except the iframe document,
 * which the widget's controller serves with a {@code frame-ancestors} of its inbox's allowed domains.
 *
 * <p>The <b>API</b> chain ({@code /api/**}) is stateless: an API token in the {@code Authorization} header is the only
 * credential it hears (no cookie, hence no CSRF), and every answer is JSON with a CSP that lets nothing load.
 *
 * <p>The <b>dashboard</b> chain covers everything else: form sign-in, a session cookie ({@code SameSite=Strict},
 * {@code HttpOnly}), CSRF tokens on every state-changing request, a strict Content-Security-Policy (no inline script,
 * no framing) and {@code Cache-Control: no-store}. Pages outside {@code /app} and the agent socket's same-origin
 * handshake are the only ways in. A sign-in that still owes a second factor (or, under a "2FA required" policy, an
 * enrolment) reaches only that step's page (and its passkey ceremony) until it is done (see {@link SignInSteps}).
 * Single sign-on ({@code sso} module) adds OpenID Connect login beside the form, and passkeys (identity's {@code
 * PasskeyManagement}) a passwordless sign-in at {@link SignInSteps#PASSKEY_SIGN_IN}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String DASHBOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** The browser features the dashboard never uses, switched off for it and anything it might embed. */
    static final String DASHBOARD_PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "serial=(), bluetooth=(), browsing-topics=()";

    static final String WIDGET_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The API answers JSON only: nothing in it may load, run or be framed. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static final String DEMO_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain demo(HttpSecurity http) throws Exception {
        return http.securityMatcher("/demo/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(DEMO_CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain widget(HttpSecurity http) throws Exception {
        return http.securityMatcher("/widget/**", "/ws/visitor")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .frameOptions(frame -> frame.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(WIDGET_CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .cacheControl(cache -> cache.disable()))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, ApiTokenManagement tokens, RateLimits rateLimits) throws Exception {
        return http.securityMatcher("/api/**")
                .addFilterBefore(new ApiTokenFilter(tokens, rateLimits), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .csrf(csrf -> csrf.disable())
                .anonymous(anonymous -> anonymous.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain dashboard(HttpSecurity http, SignInThrottle signInThrottle, SignInSteps signInSteps,
            SingleSignOn singleSignOn)
            throws Exception {
        return http
                .addFilterBefore(new SignInThrottleFilter(signInThrottle), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/login/reset", "/login/reset/confirm", "/setup", "/invite",
                                "/error", "/actuator/health",
                                "/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                        // signed attachment links: the signature authorises (a member's link also checks the session)
                        .requestMatchers("/attachments/*").permitAll()
                        .requestMatchers(SingleSignOn.PUBLIC_PATHS.toArray(String[]::new)).permitAll()
                        .requestMatchers(SignInSteps.PASSKEY_SIGN_IN, SignInSteps.PASSKEY_SIGN_IN + SignInSteps.OPTIONS)
                                .permitAll()
                        .requestMatchers(SignInSteps.SECOND_FACTOR_PAGE, SignInSteps.SECOND_FACTOR_PASSKEY,
                                SignInSteps.SECOND_FACTOR_PASSKEY + SignInSteps.OPTIONS)
                                .hasAuthority(SignInSteps.SECOND_FACTOR_PENDING)
                        .requestMatchers(SignInSteps.ENROLMENT_PAGE, SignInSteps.ENROLMENT_PASSKEY,
                                SignInSteps.ENROLMENT_PASSKEY + SignInSteps.OPTIONS)
                                .hasAuthority(SignInSteps.ENROLMENT_PENDING)
                        .anyRequest().hasAuthority(SignInSteps.SIGNED_IN))
                .formLogin(form -> form.loginPage("/login").successHandler(signInSteps).permitAll())
                .oauth2Login(singleSignOn.login())
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(signInSteps))
                // the session is invalidated; its security context, which the session's other requests in flight
                // share, is left as it is rather than emptied under them (they would fail half-way with a 500)
                .logout(logout -> logout.logoutSuccessUrl("/login?signedout").clearAuthentication(false))
                .csrf(Customizer.withDefaults())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(DASHBOARD_CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy(DASHBOARD_PERMISSIONS))
                        .crossOriginOpenerPolicy(opener -> opener.policy(CrossOriginOpenerPolicy.SAME_ORIGIN)))
                .build();
    }
}
