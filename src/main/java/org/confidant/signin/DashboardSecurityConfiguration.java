package org.confidant.signin;

import java.util.ArrayList;
import java.util.List;

import org.confidant.system.SecurityHeaders;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * The dashboard's filter chain, which covers every path no earlier chain took: form
 * sign-in, a session cookie ({@code SameSite=Strict}, {@code HttpOnly}), CSRF tokens on
 * every state-changing request, the dashboard's security headers and
 * {@code Cache-Control: no-store}. Pages outside {@code /app} and the agent socket's
 * same-origin handshake are the only ways in. A sign-in that still owes a second factor
 * (or, under a "2FA required" policy, an enrolment) reaches only that step's page (and
 * its passkey ceremony) until it is done (see {@link SignInSteps}). Passkeys add a
 * passwordless sign-in at {@link SignInSteps#PASSKEY_SIGN_IN}; other modules add their
 * way of signing in as a {@link DashboardSignInMethod} (single sign-on).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class DashboardSecurityConfiguration {

    /**
     * What anyone may reach: the sign-in, setup, invitation and reset pages, errors,
     * health, static assets, and the installable app's manifest, icons and service
     * worker.
     */
    private static final List<String> PUBLIC_PATHS = List.of("/login", "/login/reset", "/login/reset/confirm", "/setup",
            "/invite", "/error", "/actuator/health", "/css/**", "/js/**", "/shared/**", "/webjars/**", "/favicon.ico",
            "/icons/**", "/manifest.webmanifest", "/sw.js",
            // signed attachment links: the signature authorises (a member's link also
            // checks the session)
            "/attachments/*", SignInSteps.PASSKEY_SIGN_IN, SignInSteps.PASSKEY_SIGN_IN + SignInSteps.OPTIONS);

    @Bean
    @Order(SecurityHeaders.DASHBOARD_CHAIN)
    SecurityFilterChain dashboard(HttpSecurity http, SignInThrottle signInThrottle, SignInSteps signInSteps,
            List<DashboardSignInMethod> otherMethods) throws Exception {
        List<String> publicPaths = new ArrayList<>(PUBLIC_PATHS);
        otherMethods.forEach(method -> publicPaths.addAll(method.publicPaths()));
        http.addFilterBefore(new SignInThrottleFilter(signInThrottle), UsernamePasswordAuthenticationFilter.class)
            .authorizeHttpRequests(requests -> requests.requestMatchers(publicPaths.toArray(String[]::new))
                .permitAll()
                .requestMatchers(SignInSteps.SECOND_FACTOR_PAGE, SignInSteps.SECOND_FACTOR_PASSKEY,
                        SignInSteps.SECOND_FACTOR_PASSKEY + SignInSteps.OPTIONS)
                .hasAuthority(SignInSteps.SECOND_FACTOR_PENDING)
                .requestMatchers(SignInSteps.ENROLMENT_PAGE, SignInSteps.ENROLMENT_PASSKEY,
                        SignInSteps.ENROLMENT_PASSKEY + SignInSteps.OPTIONS)
                .hasAuthority(SignInSteps.ENROLMENT_PENDING)
                .anyRequest()
                .hasAuthority(SignInSteps.SIGNED_IN))
            .formLogin(form -> form.loginPage("/login").successHandler(signInSteps).permitAll())
            .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(signInSteps))
            // the session is invalidated; its security context, which the session's other
            // requests in flight
            // share, is left as it is rather than emptied under them (they would fail
            // half-way with a 500)
            .logout(logout -> logout.logoutSuccessUrl("/login?signedout").clearAuthentication(false))
            .csrf(Customizer.withDefaults())
            .headers(SecurityHeaders.dashboard());
        for (DashboardSignInMethod method : otherMethods) {
            method.addTo(http);
        }
        return http.build();
    }

}
