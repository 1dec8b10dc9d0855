package org.confidant.access.web;

import java.time.Duration;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.SecurityPolicies;
import org.confidant.signin.SecurityPolicy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workspace's security page, for members who may manage security: "2FA required", the
 * session idle timeout and the absolute session lifetime. The workspace is always the
 * session's own.
 */
@Controller
class SecurityPolicyController {

    private final SecurityPolicies policies;

    SecurityPolicyController(SecurityPolicies policies) {
        this.policies = policies;
    }

    @GetMapping("/app/security")
    String page(Grants me, Model model) {
        me.require(Permission.SECURITY_MANAGE);
        model.addAttribute("policy", policies.of(me.workspaceId()));
        return "access/security";
    }

    @PostMapping("/app/security")
    String change(Grants me, @AuthenticationPrincipal MemberPrincipal principal,
            @RequestParam(defaultValue = "false") boolean twoFactorRequired, @RequestParam int idleMinutes,
            @RequestParam int lifetimeHours) {
        me.require(Permission.SECURITY_MANAGE);
        policies.change(me.workspaceId(), me.memberId(), principal.getUsername(), new SecurityPolicy(twoFactorRequired,
                Duration.ofMinutes(idleMinutes), Duration.ofHours(lifetimeHours)));
        return "redirect:/app/security?saved";
    }

}
