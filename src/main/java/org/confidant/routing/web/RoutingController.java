package org.confidant.routing.web;

import org.confidant.access.Grants;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.routing.InboxRouting;
import org.confidant.routing.MemberStatus;
import org.confidant.routing.RoutingManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A member's own status, from the top bar (a plain form, which htmx posts on change and
 * swaps in place), and an inbox's routing page, for members who manage inboxes.
 */
@Controller
class RoutingController {

    private final RoutingManagement routing;

    private final InboxManagement inboxes;

    RoutingController(RoutingManagement routing, InboxManagement inboxes) {
        this.routing = routing;
        this.inboxes = inboxes;
    }

    @PostMapping("/app/account/status")
    String setStatus(Grants me, @RequestParam(defaultValue = "") String status,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        MemberStatus chosen = routing.setStatus(me, MemberStatus.of(status));
        if (htmx != null) {
            model.addAttribute("myStatus", chosen);
            return "routing/status :: control";
        }
        return "redirect:/app/conversations";
    }

    @GetMapping("/app/inboxes/{id}/routing")
    String page(Grants me, @PathVariable InboxId id, Model model) {
        InboxRouting current = routing.routing(me, id);
        model.addAttribute("inbox", inbox(me, id));
        model.addAttribute("roundRobin", current.roundRobin());
        model.addAttribute("openLimit", String.valueOf(current.openLimit()));
        return "routing/routing";
    }

    @PostMapping("/app/inboxes/{id}/routing")
    String configure(Grants me, @PathVariable InboxId id, @RequestParam(defaultValue = "false") boolean roundRobin,
            @RequestParam(defaultValue = "") String openLimit, Model model, HttpServletResponse response) {
        routing.routing(me, id); // not found, or forbidden, before the form is read
        try {
            routing.configure(me, new InboxRouting(id, roundRobin, InboxRouting.limit(openLimit)));
            return "redirect:/app/inboxes/" + id + "/routing?saved";
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("inbox", inbox(me, id));
            model.addAttribute("error", rejected.getMessage());
            model.addAttribute("roundRobin", roundRobin);
            model.addAttribute("openLimit", openLimit);
            return "routing/routing";
        }
    }

    private Inbox inbox(Grants me, InboxId id) {
        return inboxes.find(me.workspaceId(), id).orElseThrow(() -> new NotFound("inbox"));
    }

}
