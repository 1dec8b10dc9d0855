package org.confidant.lifecycle.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.confidant.identity.MemberPrincipal;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Keeps the members of a cancelled workspace on the page that says so: every other
 * dashboard request is sent there (a page) or answered 404 (anything else). The grants of
 * a cancelled workspace hold no permission either (the access module), so nothing in it
 * could be read even past this.
 */
@Configuration(proxyBeanMethods = false)
class CancelledWorkspaces implements WebMvcConfigurer, HandlerInterceptor {

    static final String PAGE = "/app/workspace/cancelled";

    private static final List<String> ALLOWED = List.of(PAGE, "/app/workspace/restore");

    private final WorkspaceManagement workspaces;

    CancelledWorkspaces(WorkspaceManagement workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
            .addPathPatterns("/app/**")
            .excludePathPatterns(ALLOWED)
            .excludePathPatterns("/app/workspaces/*/switch");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof MemberPrincipal member)
                || !workspaces.cancelled(member.workspaceId())) {
            return true;
        }
        if ("GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null) {
            response.sendRedirect(request.getContextPath() + PAGE);
        }
        else {
            response.sendError(HttpStatus.NOT_FOUND.value());
        }
        return false;
    }

}
