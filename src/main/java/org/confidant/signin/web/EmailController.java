package org.confidant.signin.web;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.MemberSessions;
import org.confidant.signin.SignInSteps;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Changing one's sign-in email: the current password first (throttled like sign-ins),
 * then the session goes on as the renamed account under a new session id, and every other
 * session of the account is signed out.
 */
@Controller
class EmailController {

    private final AccountManagement accounts;

    private final MemberSessions sessions;

    private final Reauthentication reauthentication;

    private final SignInSteps steps;

    EmailController(AccountManagement accounts, MemberSessions sessions, Reauthentication reauthentication,
            SignInSteps steps) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.reauthentication = reauthentication;
        this.steps = steps;
    }

    @GetMapping("/app/account/email")
    String form() {
        return "signin/email";
    }

    @PostMapping("/app/account/email")
    String change(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String email, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        if (!reauthentication.confirmed(me, current, request, response, model)) {
            return "signin/email";
        }
        MemberPrincipal renamed;
        try {
            renamed = accounts.changeEmail(me, email);
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            return "signin/email";
        }
        steps.complete(request, response, renamed);
        int ended = sessions.endOthersOfAccount(me.accountId(), request.getSession().getId());
        return "redirect:/app/account/email?changed&ended=" + ended;
    }

}
