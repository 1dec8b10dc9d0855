package org.confidant.identity.web;

import java.util.Optional;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.AccountManagement.InvitationOffer;
import org.confidant.identity.AccountManagement.NewAccount;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * An invitation link: the invitee creates an account (or brings an existing one) and
 * joins the workspace.
 */
@Controller
class InvitationController {

    private final AccountManagement accounts;

    InvitationController(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/invite")
    String form(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        Optional<InvitationOffer> invitation = accounts.invitation(token);
        if (invitation.isEmpty()) {
            return LinkPages.invalid(response);
        }
        model.addAttribute("token", token);
        model.addAttribute("invitation", invitation.get());
        return "identity/invitation";
    }

    @PostMapping("/invite")
    String accept(@RequestParam(required = false) String token, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            Model model, HttpServletResponse response) {
        Optional<InvitationOffer> invitation = accounts.invitation(token);
        if (invitation.isEmpty()) {
            return LinkPages.invalid(response);
        }
        try {
            accounts.acceptInvitation(token, new NewAccount(displayName, email, password));
            return "redirect:/login?joined";
        }
        catch (Rejected rejected) {
            if ("link_invalid".equals(rejected.code())) {
                return LinkPages.invalid(response);
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("token", token);
            model.addAttribute("invitation", invitation.get());
            model.addAttribute("displayName", displayName);
            model.addAttribute("email", email);
            model.addAttribute("error", rejected.getMessage());
            return "identity/invitation";
        }
    }

}
