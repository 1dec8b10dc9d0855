package org.confidant.identity.web;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.MemberPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The members page: who is in the workspace, and (for owners) single-use invitation links for new agents. */
@Controller
class MemberController {

    private final AccountManagement accounts;

    MemberController(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/app/members")
    String list(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        model.addAttribute("members", accounts.listMembers(me.workspaceId()));
        return "identity/members";
    }

    /** Shows the new link once, in the response body; it is never put in a redirect URL or stored in clear. */
    @PostMapping("/app/members/invitations")
    String invite(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        String token = accounts.invite(me);
        String link = ServletUriComponentsBuilder.fromCurrentContextPath().path("/invite").queryParam("token", token)
                .toUriString();
        model.addAttribute("invitationLink", link);
        return list(me, model);
    }
}
