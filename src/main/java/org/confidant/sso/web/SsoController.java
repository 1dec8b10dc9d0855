package org.confidant.sso.web;

import java.util.List;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.identity.Role;
import org.confidant.shared.Rejected;
import org.confidant.sso.SsoManagement;
import org.confidant.sso.SsoManagement.ProviderForm;
import org.confidant.sso.SsoProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The single sign-on page, for members who manage the workspace's security: the provider
 * (issuer, client id, client secret, default role of members who join through it), the
 * links to give the provider and the members, and the "SSO required" policy.
 */
@Controller
class SsoController {

    private static final List<Role> JOINING_ROLES = List.of(Role.AGENT, Role.MANAGER, Role.ADMIN);

    private final SsoManagement sso;

    SsoController(SsoManagement sso) {
        this.sso = sso;
    }

    @GetMapping("/app/sso")
    String page(Grants me, Model model) {
        SsoProvider provider = sso.provider(me).orElse(null);
        model.addAttribute("provider", provider);
        model.addAttribute("roles", JOINING_ROLES);
        if (provider != null) {
            String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
            model.addAttribute("callbackUrl", base + provider.callbackPath());
            model.addAttribute("signInUrl", base + provider.signInPath());
        }
        return "sso/sso";
    }

    @PostMapping("/app/sso")
    String configure(Grants me, @RequestParam(defaultValue = "") String issuer,
            @RequestParam(defaultValue = "") String clientId, @RequestParam(defaultValue = "") String clientSecret,
            @RequestParam(defaultValue = "") String defaultRole, Model model, HttpServletResponse response) {
        me.require(Permission.SECURITY_MANAGE);
        try {
            sso.configure(me, new ProviderForm(issuer, clientId, clientSecret, joiningRole(defaultRole)));
            return "redirect:/app/sso?saved";
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            model.addAttribute("issuer", issuer);
            model.addAttribute("clientId", clientId);
            return page(me, model);
        }
    }

    @PostMapping("/app/sso/required")
    String require(Grants me, @RequestParam(defaultValue = "") String required) {
        me.require(Permission.SECURITY_MANAGE);
        if (!required.equals("true") && !required.equals("false")) {
            throw new Rejected("bad_policy", "The policy is true or false.");
        }
        sso.requireSso(me, Boolean.parseBoolean(required));
        return "redirect:/app/sso?policy";
    }

    @PostMapping("/app/sso/remove")
    String remove(Grants me) {
        sso.remove(me);
        return "redirect:/app/sso?removed";
    }

    private static Role joiningRole(String text) {
        return JOINING_ROLES.stream()
            .filter(role -> role.name().equals(text))
            .findFirst()
            .orElseThrow(() -> new Rejected("bad_default_role",
                    "Choose the role of members who join: agent, " + "manager or admin."));
    }

}
