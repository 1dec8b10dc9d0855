package org.confidant.inbox.web;

import org.confidant.identity.MemberPrincipal;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/** The inboxes page: the workspace's inboxes and, for owners, a form to add one. */
@Controller
class InboxController {

    private final InboxManagement inboxes;

    InboxController(InboxManagement inboxes) {
        this.inboxes = inboxes;
    }

    @GetMapping("/app/inboxes")
    String list(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        model.addAttribute("inboxes", inboxes.list(me.workspaceId()));
        return "inbox/inboxes";
    }

    @PostMapping("/app/inboxes")
    String create(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String name,
            Model model, HttpServletResponse response) {
        try {
            Inbox inbox = inboxes.create(me, name);
            return "redirect:/app/inboxes/" + inbox.id() + "/install";
        } catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            model.addAttribute("name", name);
            return list(me, model);
        }
    }
}
