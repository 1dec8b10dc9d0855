package org.confidant.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.confidant.ratelimit.RateLimit;
import org.confidant.ratelimit.RateLimits;
import org.confidant.shared.RateLimited;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The API's only way in: {@code Authorization: Bearer cfd_…}. No token, or one that does
 * not open the API for any reason, answers the same 401; a token over its budget answers
 * 429 with {@code Retry-After}. Tokens anywhere else (a query parameter, a cookie) are
 * not looked at.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private static final int MAX_HEADER_LENGTH = 200;

    private final ApiTokenManagement tokens;

    private final RateLimits rateLimits;

    ApiTokenFilter(ApiTokenManagement tokens, RateLimits rateLimits) {
        this.tokens = tokens;
        this.rateLimits = rateLimits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() > MAX_HEADER_LENGTH
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            problem(response, 401, "Bearer realm=\"confidant\"", "Unauthorized",
                    "Send an API token in the Authorization header: Bearer cfd_...");
            return;
        }
        Optional<ApiCaller> caller = tokens.authenticate(header.substring(BEARER.length()).strip());
        if (caller.isEmpty()) {
            problem(response, 401, "Bearer realm=\"confidant\", error=\"invalid_token\"", "Unauthorized",
                    "This API token is not valid: it may be mistyped, expired or revoked.");
            return;
        }
        try {
            rateLimits.spend(RateLimit.API_CALLS_PER_TOKEN, caller.get().tokenId().toString());
        }
        catch (RateLimited limited) {
            response.setHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
            problem(response, 429, null, "Too many requests",
                    "This token has used its requests for now; try again in " + limited.retryAfterSeconds() + " s.");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(caller.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void problem(HttpServletResponse response, int status, String challenge, String title, String detail)
            throws IOException {
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // fixed texts only: nothing the caller sent is echoed
        response.getWriter()
            .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                    + detail + "\"}");
    }

    /** An authenticated API call, as Spring Security holds it for the request. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {

        private final ApiCaller caller;

        TokenAuthentication(ApiCaller caller) {
            super(List.of(new SimpleGrantedAuthority("ROLE_API")));
            this.caller = caller;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public ApiCaller getPrincipal() {
            return caller;
        }

    }

}
