package org.confidant.identity.web;

import org.confidant.identity.AccountManagement;
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
 * The first-start setup link: creates the first workspace and its owner, and signs the
 * owner in.
 */
@Controller
class SetupController {

    /**
     * What the setup page proposes: resolved conversations kept a year, files 90 days.
     */
    static final String RECOMMENDED_RESOLVED_DAYS = "365";

    static final String RECOMMENDED_ATTACHMENT_DAYS = "90";

    private final AccountManagement accounts;

    private final JoinedSignIn signIn;

    SetupController(AccountManagement accounts, JoinedSignIn signIn) {
        this.accounts = accounts;
        this.signIn = signIn;
    }

    @GetMapping("/setup")
    String form(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        if (!accounts.isValidSetupToken(token)) {
            return LinkPages.invalid(response);
        }
        model.addAttribute("token", token);
        model.addAttribute("resolvedDays", RECOMMENDED_RESOLVED_DAYS);
        model.addAttribute("attachmentDays", RECOMMENDED_ATTACHMENT_DAYS);
        return "identity/setup";
    }

    @PostMapping("/setup")
    String submit(@RequestParam(required = false) String token, @RequestParam(defaultValue = "") String workspaceName,
            @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password, @RequestParam(required = false) String resolvedDays,
            @RequestParam(required = false) String attachmentDays, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        try {
            Member member = accounts.setUp(token, workspaceName, new NewAccount(displayName, email, password),
                    resolvedDays, attachmentDays);
            MemberPrincipal principal = accounts.membershipOf(member.accountId(), member.workspaceId()).orElseThrow();
            return "redirect:" + signIn.signIn(request, response, principal).orElse("/login?ready");
        }
        catch (Rejected rejected) {
            if ("link_invalid".equals(rejected.code())) {
                return LinkPages.invalid(response);
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("token", token);
            model.addAttribute("workspaceName", workspaceName);
            model.addAttribute("displayName", displayName);
            model.addAttribute("email", email);
            model.addAttribute("resolvedDays", resolvedDays);
            model.addAttribute("attachmentDays", attachmentDays);
            model.addAttribute("error", rejected.getMessage());
            return "identity/setup";
        }
    }

}
