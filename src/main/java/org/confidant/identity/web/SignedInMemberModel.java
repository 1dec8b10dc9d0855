package org.confidant.identity.web;

import java.util.List;
import java.util.Map;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.AccountManagement.WorkspaceChoice;
import org.confidant.identity.MemberPrincipal;
import org.confidant.system.ErrorPageModel;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Puts the signed-in member into every page's model as {@code me} (the layout shows their
 * name), and the workspaces their account belongs to as {@code workspaces} (the layout
 * offers a switch when there are several; loaded lazily). The error page gets them too.
 */
@ControllerAdvice
class SignedInMemberModel implements ErrorPageModel {

    private final AccountManagement accounts;

    SignedInMemberModel(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute("me")
    MemberPrincipal me(@AuthenticationPrincipal MemberPrincipal me) {
        return me;
    }

    /**
     * Read only when a template shows it (the full pages' top bar), not for the
     * conversation list fragments the dashboard fetches on every live update.
     */
    @ModelAttribute("workspaces")
    LazyContextVariable<List<WorkspaceChoice>> workspaces(@AuthenticationPrincipal MemberPrincipal me) {
        return new LazyContextVariable<>() {
            @Override
            protected List<WorkspaceChoice> loadValue() {
                return me == null ? List.of() : accounts.workspacesOf(me.accountId());
            }
        };
    }

    @Override
    public void addTo(HttpServletRequest request, Map<String, Object> model) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof MemberPrincipal me
                && authentication.getAuthorities()
                    .stream()
                    .anyMatch(a -> MemberPrincipal.AUTHORITY.equals(a.getAuthority()))) {
            model.put("me", me);
            model.put("workspaces", workspaces(me));
        }
    }

}
