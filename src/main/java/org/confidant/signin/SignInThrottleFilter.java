package org.confidant.signin;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import org.confidant.shared.RateLimited;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sits in the dashboard's security chain just before the sign-in form is processed: a
 * throttled attempt is answered {@code 429 Too Many Requests} with {@code Retry-After}
 * (the sign-in page, saying why) and its password is never checked. Not a bean of its
 * own, so that it runs in the security chain only, never as a servlet filter for every
 * request.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;

    SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(HttpMethod.POST.matches(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            throttle.check(SignInThrottle.Attempt.PASSWORD, request.getParameter("username"), request.getRemoteAddr());
        }
        catch (RateLimited limited) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
            request.getRequestDispatcher("/login").forward(new ThrottledPageRequest(request), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The refused attempt as a request for the sign-in page: a {@code GET} whose only
     * parameter is {@code throttled} (the email and password it carried go no further).
     */
    private static final class ThrottledPageRequest extends HttpServletRequestWrapper {

        private static final Map<String, String[]> PARAMETERS = Map.of("throttled", new String[] { "" });

        ThrottledPageRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return HttpMethod.GET.name();
        }

        @Override
        public String getParameter(String name) {
            String[] values = PARAMETERS.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return PARAMETERS;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(PARAMETERS.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return PARAMETERS.get(name);
        }

    }

}
