package org.confidant.identity.web;

import java.util.Optional;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.AccountManagement.InvitationOffer;
import org.confidant.identity.AccountManagement.NewAccount;
import org.confidant.identity.JoinedSignIn;
import org.confidant.identity.Member;
import org.confidant.identity.MemberPrincipal;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An invitation link: the invitee creates an account (or brings an existing one) and
 * joins the workspace, signed in at once. A revoked invitation's link says it was
 * withdrawn.
 */
@Controller
class InvitationController {

    private final AccountManagement accounts;

    private final JoinedSignIn signIn;

    InvitationController(AccountManagement accounts, JoinedSignIn signIn) {
        this.accounts = accounts;
        this.signIn = signIn;
    }

    @GetMapping("/invite")
    String form(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        Optional<InvitationOffer> invitation = accounts.invitation(token);
        if (invitation.isEmpty()) {
            return accounts.isRevokedInvitation(token) ? LinkPages.revoked(response) : LinkPages.invalid(response);
        }
        model.addAttribute("token", token);
        model.addAttribute("invitation", invitation.get());
        return "identity/invitation";
    }

    @PostMapping("/invite")
    String accept(@RequestParam(required = false) String token, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<InvitationOffer> invitation = accounts.invitation(token);
        if (invitation.isEmpty()) {
            return accounts.isRevokedInvitation(token) ? LinkPages.revoked(response) : LinkPages.invalid(response);
        }
        try {
            Member member = accounts.acceptInvitation(token, new NewAccount(displayName, email, password));
            MemberPrincipal principal = accounts.membershipOf(member.accountId(), member.workspaceId()).orElseThrow();
            return "redirect:" + signIn.signIn(request, response, principal).orElse("/login?joined");
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
