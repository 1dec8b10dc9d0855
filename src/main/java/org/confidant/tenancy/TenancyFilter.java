package org.confidant.tenancy;

import java.io.IOException;

import org.confidant.shared.WorkspaceScoped;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs each request, error pages included, inside the workspace of the authenticated
 * principal (a dashboard member or an API caller). Registered right after Spring
 * Security's filter chain, which has authenticated the request by then. An
 * unauthenticated request (the sign-in page, a setup or invitation link, the widget) gets
 * no scope: what it may read, it resolves itself through a named system scope.
 */
class TenancyFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof WorkspaceScoped principal)) {
            chain.doFilter(request, response);
            return;
        }
        Tenancy.Scope previous = Tenancy.enter(Tenancy.Scope.of(principal.workspaceId()));
        try {
            chain.doFilter(request, response);
        }
        finally {
            Tenancy.restore(previous);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

}
