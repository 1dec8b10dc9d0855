package org.confidant.access.web;

import java.util.Optional;

import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.identity.MemberPrincipal;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Gives a controller method's {@link Grants} parameter the signed-in member's grants,
 * read afresh for the request, so that a change of role, override, scope or inbox applies
 * to the next click. Null when nobody is signed in; a session whose membership has ended
 * is refused with {@link MembershipEnded}.
 */
@Component
class CurrentGrants implements HandlerMethodArgumentResolver {

    private static final String ATTRIBUTE = CurrentGrants.class.getName();

    private final AccessManagement access;

    CurrentGrants(AccessManagement access) {
        this.access = access;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Grants.class;
    }

    @Override
    public Grants resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object cached = request.getAttribute(ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
        if (cached instanceof Grants grants) {
            return grants;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof MemberPrincipal member)) {
            return null;
        }
        Grants grants = access.grants(member.workspaceId(), member.memberId()).orElseThrow(MembershipEnded::new);
        request.setAttribute(ATTRIBUTE, grants, NativeWebRequest.SCOPE_REQUEST);
        return grants;
    }

    /**
     * The grants of the request's member for a page that is no controller method's (the
     * error page): empty when nobody is fully signed in or the membership has ended.
     */
    Optional<Grants> of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Grants grants) {
            return Optional.of(grants);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof MemberPrincipal member)
                || authentication.getAuthorities()
                    .stream()
                    .noneMatch(a -> MemberPrincipal.AUTHORITY.equals(a.getAuthority()))) {
            return Optional.empty();
        }
        return access.grants(member.workspaceId(), member.memberId());
    }

    /** The session belongs to a membership that was removed. */
    static final class MembershipEnded extends RuntimeException {

        MembershipEnded() {
            super("membership ended", null, false, false);
        }

    }

}
