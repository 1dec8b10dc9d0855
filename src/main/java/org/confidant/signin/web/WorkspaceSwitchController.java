package org.confidant.signin.web;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.MemberSessions;
import org.confidant.signin.MemberSignIn;
import org.confidant.signin.SignInSteps;
import org.confidant.shared.NotFound;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
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
 * Switches the session to another workspace of the same account: the session then acts as
 * that membership (its role, scope and inboxes), under a new session id. A workspace the
 * account does not belong to is not found; one that requires 2FA of an account without a
 * second factor holds the session at enrolment; one that requires its own sign-in (single
 * sign-on) sends the browser to the sign-in page, which links to it.
 */
@Controller
class WorkspaceSwitchController {

    private final AccountManagement accounts;

    private final MemberSignIn signIn;

    private final MemberSessions sessions;

    private final SignInSteps steps;

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    WorkspaceSwitchController(AccountManagement accounts, MemberSignIn signIn, MemberSessions sessions,
            SignInSteps steps) {
        this.accounts = accounts;
        this.signIn = signIn;
        this.sessions = sessions;
        this.steps = steps;
    }

    @PostMapping("/app/workspaces/{id}/switch")
    String switchTo(@AuthenticationPrincipal MemberPrincipal me, @PathVariable WorkspaceId id,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        // the request runs in the current workspace; moving to another is the system's to
        // do
        return Tenancy.system("the workspace switcher moves the session to another membership",
                () -> switchMembership(me, id, request, response, redirect));
    }

    private String switchMembership(MemberPrincipal me, WorkspaceId id, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        MemberPrincipal membership = accounts.membershipOf(me.accountId(), id)
            .orElseThrow(() -> new NotFound("workspace"));
        var requiredSignIn = signIn.requiredSignIn(membership);
        if (requiredSignIn.isPresent()) {
            // a link on the sign-in page, not a redirect: the form-action CSP stops a
            // form's redirect to the provider
            redirect.addFlashAttribute("requiredSignIn", requiredSignIn.get());
            return "redirect:/login?sso_required";
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(membership, null, membership.getAuthorities()));
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        sessions.switched(request.getSession().getId(), membership);
        if (steps.mustEnrol(membership)) { // that workspace requires 2FA: nothing else
                                           // until the account has one
            steps.hold(request, response, membership, SignInSteps.ENROLMENT_PENDING);
            return "redirect:" + SignInSteps.ENROLMENT_PAGE;
        }
        return "redirect:/app/conversations";
    }

}
