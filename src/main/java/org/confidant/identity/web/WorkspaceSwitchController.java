package org.confidant.identity.web;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.MemberPrincipal;
import org.confidant.identity.MemberSessions;
import org.confidant.shared.NotFound;
import org.confidant.shared.WorkspaceId;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Switches the session to another workspace of the same account: the session then acts as that membership (its
 * role, scope and inboxes), under a new session id. A workspace the account does not belong to is not found; one that
 * requires its own sign-in (single sign-on) sends the browser to the sign-in page, which links to it.
 */
@Controller
class WorkspaceSwitchController {

    private final AccountManagement accounts;
    private final MemberSessions sessions;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    WorkspaceSwitchController(AccountManagement accounts, MemberSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @PostMapping("/app/workspaces/{id}/switch")
    String switchTo(@AuthenticationPrincipal MemberPrincipal me, @PathVariable WorkspaceId id,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        MemberPrincipal membership = accounts.membershipOf(me.accountId(), id)
                .orElseThrow(() -> new NotFound("workspace"));
        var requiredSignIn = accounts.requiredSignIn(membership);
        if (requiredSignIn.isPresent()) {
            // a link on the sign-in page, not a redirect: the form-action CSP stops a form's redirect to the provider
            redirect.addFlashAttribute("requiredSignIn", requiredSignIn.get());
            return "redirect:/login?sso_required";
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(membership, null,
                membership.getAuthorities()));
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        sessions.switched(request.getSession().getId(), membership);
        return "redirect:/app/conversations";
    }
}
