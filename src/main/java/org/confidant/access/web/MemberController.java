package org.confidant.access.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.confidant.access.AccessManagement;
import org.confidant.access.ConversationScope;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.identity.Role;
import org.confidant.shared.MemberId;
import org.confidant.shared.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The members pages: who is in the workspace and what they may do; for members who manage
 * members, invitations and each member's role, conversation scope, permission overrides,
 * deactivation and removal; for owners, handing over ownership; for everyone, leaving.
 * {@link AccessManagement} checks every change.
 */
@Controller
class MemberController {

    private final AccessManagement access;

    MemberController(AccessManagement access) {
        this.access = access;
    }

    @GetMapping("/app/members")
    String list(Grants me, Model model) {
        model.addAttribute("members", access.listMembers(me));
        model.addAttribute("roles", invitableRoles(me));
        model.addAttribute("invitations",
                me.has(Permission.MEMBERS_MANAGE) ? access.pendingInvitations(me) : List.of());
        return "access/members";
    }

    /**
     * Shows the new link once, in the response body; it is never put in a redirect URL or
     * stored in clear.
     */
    @PostMapping("/app/members/invitations")
    String invite(Grants me, @RequestParam(defaultValue = "AGENT") Role role, Model model) {
        String token = access.invite(me, role);
        String link = ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/invite")
            .queryParam("token", token)
            .toUriString();
        model.addAttribute("invitationLink", link);
        model.addAttribute("invitationRole", role);
        return list(me, model);
    }

    /** Revokes an invitation that still works: its link then says it was withdrawn. */
    @PostMapping("/app/members/invitations/{id}/revoke")
    String revoke(Grants me, @PathVariable UUID id) {
        access.revokeInvitation(me, id);
        return "redirect:/app/members?revoked";
    }

    @GetMapping("/app/members/{id}")
    String member(Grants me, @PathVariable MemberId id, Model model) {
        model.addAttribute("target", access.member(me, id));
        model.addAttribute("self", me.memberId().equals(id));
        model.addAttribute("permissions", Permission.values());
        model.addAttribute("roles", Role.values());
        model.addAttribute("scopes", ConversationScope.values());
        return "access/member";
    }

    @PostMapping("/app/members/{id}/role")
    String role(Grants me, @PathVariable MemberId id, @RequestParam Role role) {
        access.changeRole(me, id, role);
        return backTo(id);
    }

    @PostMapping("/app/members/{id}/scope")
    String scope(Grants me, @PathVariable MemberId id, @RequestParam ConversationScope scope) {
        access.setScope(me, id, scope);
        return backTo(id);
    }

    /**
     * {@code value} is {@code grant}, {@code revoke} or {@code role} (back to what the
     * role gives).
     */
    @PostMapping("/app/members/{id}/overrides")
    String override(Grants me, @PathVariable MemberId id, @RequestParam String permission, @RequestParam String value) {
        Permission chosen = Permission.byKey(permission)
            .orElseThrow(() -> new Rejected("bad_permission", "No permission is called " + permission + "."));
        Boolean granted = switch (value) {
            case "grant" -> Boolean.TRUE;
            case "revoke" -> Boolean.FALSE;
            case "role" -> null;
            default -> throw new Rejected("bad_override", "An override is grant, revoke or role.");
        };
        access.setOverride(me, id, chosen, granted);
        return backTo(id);
    }

    /** Signs the member out everywhere: every session ends and its sockets close. */
    @PostMapping("/app/members/{id}/sessions")
    String endSessions(Grants me, @PathVariable MemberId id) {
        int ended = access.endSessions(me, id);
        return "redirect:/app/members/" + id + "?sessionsEnded=" + ended;
    }

    @PostMapping("/app/members/{id}/ownership")
    String transferOwnership(Grants me, @PathVariable MemberId id) {
        access.transferOwnership(me, id);
        return "redirect:/app/members";
    }

    /**
     * Deactivates the member: their sessions end, their sockets close, their API tokens
     * are revoked.
     */
    @PostMapping("/app/members/{id}/deactivate")
    String deactivate(Grants me, @PathVariable MemberId id) {
        access.deactivate(me, id);
        return backTo(id);
    }

    @PostMapping("/app/members/{id}/reactivate")
    String reactivate(Grants me, @PathVariable MemberId id) {
        access.reactivate(me, id);
        return backTo(id);
    }

    /**
     * Removes the member; removing oneself is leaving the workspace, which ends the
     * session.
     */
    @PostMapping("/app/members/{id}/remove")
    String remove(Grants me, @PathVariable MemberId id, HttpServletRequest request) throws ServletException {
        access.remove(me, id);
        if (me.memberId().equals(id)) {
            request.logout();
            return "redirect:/login?ended";
        }
        return "redirect:/app/members";
    }

    private static List<Role> invitableRoles(Grants me) {
        return Arrays.stream(Role.values()).filter(me::mayGive).toList();
    }

    private static String backTo(MemberId id) {
        return "redirect:/app/members/" + id;
    }

}
