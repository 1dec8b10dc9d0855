package org.confidant.sso;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.DashboardSignInMethod;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Single sign-on as the dashboard's filter chain uses it: Spring Security's OAuth 2.0
 * login, with the workspaces' providers as its client registrations, PKCE on every
 * authorization request, the authorization request kept by
 * {@link AuthorizationRequestCookies}, and no provider token kept after sign-in
 * (Confidant calls none of the provider's APIs). A verified ID token signs into the
 * membership {@link SsoSignIn} finds; the session then holds that
 * {@link MemberPrincipal}, exactly as after a password sign-in, under a fresh session id.
 * Sign-in starts at {@code /oauth2/authorization/{id}} (an unknown id is not found) and
 * comes back at {@code /login/oauth2/code/{id}}.
 */
@Component
class SingleSignOn implements DashboardSignInMethod {

    /**
     * The paths anyone may reach: the start of a sign-in and the provider's redirect
     * back.
     */
    private static final List<String> PUBLIC_PATHS = List.of(SsoProvider.AUTHORIZATION_BASE + "/*",
            SsoProvider.CALLBACK_BASE + "/*");

    private static final String SIGNED_IN_PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=%s">
            <title>Signed in</title></head>
            <body><p><a href="%s">Continue to Confidant</a></p></body></html>
            """;

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,40}");

    private final SsoClientRegistrations registrations;

    private final AuthorizationRequestCookies authorizationRequests;

    private final SsoSignIn signIn;

    private final ApplicationEventPublisher events;

    private final SsoOutbound outbound;

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SingleSignOn(SsoClientRegistrations registrations, AuthorizationRequestCookies authorizationRequests,
            SsoSignIn signIn, ApplicationEventPublisher events, SsoOutbound outbound) {
        this.outbound = outbound;
        this.registrations = registrations;
        this.authorizationRequests = authorizationRequests;
        this.signIn = signIn;
        this.events = events;
    }

    @Override
    public List<String> publicPaths() {
        return PUBLIC_PATHS;
    }

    /** Adds Spring Security's OAuth 2.0 login to the dashboard's chain. */
    @Override
    public void addTo(HttpSecurity dashboard) throws Exception {
        dashboard.oauth2Login(login());
    }

    private Customizer<OAuth2LoginConfigurer<HttpSecurity>> login() {
        return login -> login.loginPage("/login")
            .clientRegistrationRepository(registrations)
            .authorizedClientRepository(new UnkeptAuthorizedClients())
            .authorizationEndpoint(endpoint -> endpoint.baseUri(SsoProvider.AUTHORIZATION_BASE)
                .authorizationRequestResolver(new KnownProvidersOnly())
                .authorizationRequestRepository(authorizationRequests))
            .redirectionEndpoint(endpoint -> endpoint.baseUri(SsoProvider.CALLBACK_BASE + "/*"))
            .tokenEndpoint(endpoint -> endpoint.accessTokenResponseClient(guardedTokenClient()))
            .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                @Override
                public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                    // a provider that cannot be reached (or may not be) ends the sign-in
                    // like any failure
                    filter.setAuthenticationFailureHandler(SingleSignOn.this::refused);
                    return filter;
                }
            })
            .userInfoEndpoint(userInfo -> userInfo.oidcUserService(this::member))
            .successHandler(this::signedIn)
            .failureHandler(this::refused);
    }

    /**
     * Spring Security's token client, with its converters and error handling, on
     * {@link SsoOutbound}'s guarded client: the code exchange connects only where the
     * SSRF guard allows. (The ID token's keys are fetched the same way, by
     * {@link SsoIdTokenDecoders}.)
     */
    private OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> guardedTokenClient() {
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(outbound.restClient()
            .configureMessageConverters(converters -> converters.addCustomConverter(new FormHttpMessageConverter())
                .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
            .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
            .build());
        return client;
    }

    /**
     * The ID token (verified by now) as the member it signs in; refusals are OAuth2
     * authentication failures.
     */
    private SignedInMember member(OidcUserRequest request) {
        MemberPrincipal member = signIn.signIn(request.getClientRegistration().getRegistrationId(),
                request.getIdToken());
        return new SignedInMember(member, request);
    }

    private void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        MemberPrincipal member = ((SignedInMember) authentication.getPrincipal()).member;
        Authentication signedIn = UsernamePasswordAuthenticationToken.authenticated(member, null,
                member.getAuthorities());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signedIn);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        events.publishEvent(new InteractiveAuthenticationSuccessEvent(signedIn, SingleSignOn.class));
        // Not a redirect: this answer ends the provider's cross-site redirect chain, in
        // which the browser withholds
        // the SameSite=Strict session cookie. The page's own navigation is same-site, so
        // the session comes along.
        String next = request.getContextPath() + "/app/conversations";
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(SIGNED_IN_PAGE.formatted(next, next));
    }

    private void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String code = failure instanceof OAuth2AuthenticationException oauth2 ? oauth2.getError().getErrorCode() : "";
        code = code != null && ERROR_CODE.matcher(code).matches() ? code : "invalid_request";
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String prefix = SsoProvider.CALLBACK_BASE + "/";
        signIn.recordFailure(path.startsWith(prefix) ? path.substring(prefix.length()) : "", code);
        response.sendRedirect(request.getContextPath()
                + (SsoSignIn.EMAIL_TAKEN.equals(code) ? "/login?sso_email_taken" : "/login?sso_failed"));
    }

    /**
     * Spring Security's resolver, with PKCE, for registration ids that name a provider;
     * others fall through.
     */
    private final class KnownProvidersOnly implements OAuth2AuthorizationRequestResolver {

        private final DefaultOAuth2AuthorizationRequestResolver resolver;

        KnownProvidersOnly() {
            resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, SsoProvider.AUTHORIZATION_BASE);
            resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        }

        @Override
        public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            String prefix = SsoProvider.AUTHORIZATION_BASE + "/";
            if (path.startsWith(prefix) && !registrations.exists(path.substring(prefix.length()))) {
                return null;
            }
            return resolver.resolve(request);
        }

        @Override
        public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
            return registrations.exists(registrationId) ? resolver.resolve(request, registrationId) : null;
        }

    }

    /**
     * The OpenID user of a sign-in, carrying the member it signs into until the session
     * holds that member.
     */
    private static final class SignedInMember extends DefaultOidcUser {

        private final transient MemberPrincipal member;

        SignedInMember(MemberPrincipal member, OidcUserRequest request) {
            super(member.getAuthorities(), request.getIdToken());
            this.member = member;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SignedInMember that && that.member.equals(member);
        }

        @Override
        public int hashCode() {
            return member.hashCode();
        }

    }

    /**
     * Provider tokens are not kept: sign-in needs only the ID token, and nothing calls
     * the provider afterwards.
     */
    private static final class UnkeptAuthorizedClients implements OAuth2AuthorizedClientRepository {

        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
                Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
                HttpServletRequest request, HttpServletResponse response) {
            // nothing to keep: see the class comment
        }

        @Override
        public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
                HttpServletRequest request, HttpServletResponse response) {
            // nothing was kept
        }

    }

}
