package org.confidant.api.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.confidant.shared.ApiTokenId;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.api.ApiSettings;
import org.confidant.api.ApiTokenManagement;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.shared.MemberId;
import org.confidant.shared.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard's API-token page: a member's own tokens (create, shown once; revoke), and
 * for those who manage the workspace's security, every member's tokens.
 */
@Controller
class ApiTokenController {

    private final ApiTokenManagement tokens;

    private final AccountManagement accounts;

    private final ApiSettings settings;

    ApiTokenController(ApiTokenManagement tokens, AccountManagement accounts, ApiSettings settings) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.settings = settings;
    }

    @GetMapping("/app/api-tokens")
    String page(Grants me, Model model) {
        return page(me, model, null);
    }

    @PostMapping("/app/api-tokens")
    String create(Grants me, @RequestParam(defaultValue = "") String name,
            @RequestParam(name = "permission", required = false) List<String> permissions,
            @RequestParam(required = false) String days, Model model) {
        ApiTokenManagement.NewToken created = tokens.create(me, name,
                permissions == null ? Set.of() : Set.copyOf(permissions), days(days));
        // shown in this answer only (no-store, never in a URL): the page says it will not
        // be shown again
        return page(me, model, created);
    }

    @PostMapping("/app/api-tokens/{id}/revoke")
    String revoke(Grants me, @PathVariable ApiTokenId id) {
        tokens.revoke(me, id);
        return "redirect:/app/api-tokens?revoked";
    }

    private String page(Grants me, Model model, ApiTokenManagement.NewToken created) {
        model.addAttribute("mine", tokens.mine(me));
        model.addAttribute("created", created);
        model.addAttribute("offered", Arrays.stream(Permission.values()).filter(me::has).toList());
        model.addAttribute("defaultDays", settings.tokenLifetime().toDays());
        model.addAttribute("maxDays", settings.maxTokenLifetime().toDays());
        if (me.has(Permission.SECURITY_MANAGE)) {
            Map<MemberId, String> names = accounts.listMembers(me.workspaceId())
                .stream()
                .collect(Collectors.toMap(Member::id, Member::displayName));
            model.addAttribute("everyone", tokens.all(me));
            model.addAttribute("memberNames", names);
        }
        return "api/tokens";
    }

    private static Integer days(String days) {
        if (days == null || days.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(days.strip());
        }
        catch (NumberFormatException e) {
            throw new Rejected("bad_token_lifetime", "A token's lifetime is a whole number of days.");
        }
    }

}
