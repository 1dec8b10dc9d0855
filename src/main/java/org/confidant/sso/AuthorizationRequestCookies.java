package org.confidant.sso;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.confidant.shared.Tokens;
import org.springframework.http.ResponseCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps a started sign-in's authorization request (state, nonce, PKCE verifier) until the
 * provider redirects back. The session cookie cannot carry it: it is
 * {@code SameSite=Strict}, so the browser leaves it out of the provider's cross-site
 * redirect. The request waits here, in memory, under the SHA-256 of a random handle; the
 * handle travels in its own cookie ({@code HttpOnly}, {@code SameSite=Lax} so that it
 * does come back with that top-level redirect, {@code __Host-} and {@code Secure} over
 * HTTPS, path {@code /}), lives {@link SsoSettings#signInTimeout()} at most, and is used
 * once: the callback takes the request out (a replayed callback finds nothing) and
 * deletes the cookie. The session that follows is a fresh one.
 */
@Component
class AuthorizationRequestCookies implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String NAME = "confidant_sso";

    private final Cache<String, OAuth2AuthorizationRequest> waiting;

    private final Duration lifetime;

    AuthorizationRequestCookies(SsoSettings settings) {
        this.lifetime = settings.signInTimeout();
        this.waiting = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(lifetime).build();
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        return handle(request).map(h -> waiting.getIfPresent(Tokens.digest(h))).orElse(null);
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
            HttpServletResponse response) {
        if (authorizationRequest == null) {
            removeAuthorizationRequest(request, response);
            return;
        }
        String handle = Tokens.newToken();
        waiting.put(Tokens.digest(handle), authorizationRequest);
        setCookie(request, response, handle, lifetime);
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
            HttpServletResponse response) {
        Optional<String> handle = handle(request);
        if (handle.isEmpty()) {
            return null;
        }
        setCookie(request, response, "", Duration.ZERO);
        return waiting.asMap().remove(Tokens.digest(handle.get())); // atomic: one
                                                                    // callback gets it, a
                                                                    // replay nothing
    }

    private static Optional<String> handle(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        String name = cookieName(request);
        return Arrays.stream(cookies)
            .filter(c -> name.equals(c.getName()))
            .map(Cookie::getValue)
            .filter(Tokens::looksLikeToken)
            .findFirst();
    }

    private static void setCookie(HttpServletRequest request, HttpServletResponse response, String value,
            Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(cookieName(request), value)
            .path("/")
            .httpOnly(true)
            .secure(request.isSecure())
            .sameSite("Lax")
            .maxAge(maxAge)
            .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    private static String cookieName(HttpServletRequest request) {
        return (request.isSecure() ? "__Host-" : "") + NAME;
    }

}
