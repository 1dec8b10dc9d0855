package org.confidant.signin.web;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.MemberSessions;
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
import jakarta.servlet.http.HttpSession;

/**
 * Changing one's password: the current password first (a session left open is not enough
 * to take the account over, and wrong guesses count towards the sign-in throttle), then
 * every other session of the account, in every workspace, is signed out.
 */
@Controller
class PasswordController {

    private final AccountManagement accounts;

    private final MemberSessions sessions;

    private final Reauthentication reauthentication;

    PasswordController(AccountManagement accounts, MemberSessions sessions, Reauthentication reauthentication) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.reauthentication = reauthentication;
    }

    @GetMapping("/app/account/password")
    String form() {
        return "signin/password";
    }

    @PostMapping("/app/account/password")
    String change(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpSession session,
            HttpServletResponse response, Model model) {
        if (!reauthentication.confirmed(me, current, request, response, model)) {
            return "signin/password";
        }
        try {
            accounts.changePassword(me.accountId(), current, password);
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            return "signin/password";
        }
        int ended = sessions.endOthersOfAccount(me.accountId(), session.getId());
        return "redirect:/app/account/password?changed&ended=" + ended;
    }

}
