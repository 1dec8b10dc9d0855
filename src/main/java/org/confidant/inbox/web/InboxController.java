package org.confidant.inbox.web;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.Forbidden;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The inboxes page: the workspace's inboxes, a form to add one (for members who manage
 * inboxes), and each inbox's members (for members who manage members).
 */
@Controller
class InboxController {

    private final InboxManagement inboxes;

    private final AccessManagement access;

    InboxController(InboxManagement inboxes, AccessManagement access) {
        this.inboxes = inboxes;
        this.access = access;
    }

    @GetMapping("/app/inboxes")
    String list(Grants me, Model model) {
        requireEither(me);
        model.addAttribute("inboxes", inboxes.list(me.workspaceId()));
        return "inbox/inboxes";
    }

    @PostMapping("/app/inboxes")
    String create(Grants me, @RequestParam(defaultValue = "") String name, Model model, HttpServletResponse response) {
        try {
            Inbox inbox = inboxes.create(me, name);
            return "redirect:/app/inboxes/" + inbox.id() + "/install";
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            model.addAttribute("name", name);
            return list(me, model);
        }
    }

    @GetMapping("/app/inboxes/{id}/members")
    String members(Grants me, @PathVariable InboxId id, Model model) {
        Inbox inbox = inboxes.find(me.workspaceId(), id).orElseThrow(() -> new NotFound("inbox"));
        me.require(Permission.MEMBERS_MANAGE);
        model.addAttribute("inbox", inbox);
        model.addAttribute("members", access.listMembers(me));
        model.addAttribute("inboxMembers", access.inboxMembers(me.workspaceId(), id));
        return "inbox/members";
    }

    @PostMapping("/app/inboxes/{id}/members")
    String setMembers(Grants me, @PathVariable InboxId id,
            @RequestParam(name = "member", required = false) List<MemberId> members) {
        Set<MemberId> chosen = members == null ? Set.of() : members.stream().collect(Collectors.toSet());
        inboxes.setMembers(me, id, chosen);
        return "redirect:/app/inboxes/" + id + "/members?saved";
    }

    private static void requireEither(Grants me) {
        if (!me.has(Permission.INBOXES_MANAGE) && !me.has(Permission.MEMBERS_MANAGE)) {
            throw Forbidden.lacking(Permission.INBOXES_MANAGE.key());
        }
    }

}
