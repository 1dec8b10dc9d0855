package org.confidant.identity;

import java.io.IOException;

import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sits in the dashboard's security chain just before the sign-in form is processed: a throttled attempt is sent back
 * to the sign-in page with {@code ?throttled} and its password is never checked. Not a bean of its own, so that it
 * runs in the security chain only, never as a servlet filter for every request.
 */
public final class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;

    public SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(HttpMethod.POST.matches(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (throttle.refusal(request.getParameter("username"), request.getRemoteAddr()).isPresent()) {
            response.sendRedirect(request.getContextPath() + "/login?throttled");
            return;
        }
        chain.doFilter(request, response);
    }
}
