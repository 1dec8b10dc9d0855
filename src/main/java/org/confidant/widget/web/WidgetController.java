package org.confidant.widget.web;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The widget's pages: the iframe document, each inbox's demo page, and the install page with the embed snippet. */
@Controller
class WidgetController {

    private final InboxManagement inboxes;

    WidgetController(InboxManagement inboxes) {
        this.inboxes = inboxes;
    }

    /** The chat app's document. It reads the inbox id from its own query string. */
    @GetMapping("/widget/frame")
    String frame() {
        return "forward:/widget/frame.html";
    }

    /** A plain page that embeds the inbox's snippet, so anyone can play the visitor. */
    @GetMapping("/demo/{inboxId}")
    String demo(@PathVariable InboxId inboxId, Model model) {
        Inbox inbox = inboxes.findForWidget(inboxId).orElseThrow(() -> new NotFound("inbox"));
        model.addAttribute("inbox", inbox);
        model.addAttribute("loaderUrl", base() + "/widget/loader.js");
        return "widget/demo";
    }

    @GetMapping("/app/inboxes/{inboxId}/install")
    String install(Grants me, @PathVariable InboxId inboxId, Model model) {
        Inbox inbox = inboxes.find(me.workspaceId(), inboxId).orElseThrow(() -> new NotFound("inbox"));
        me.require(Permission.INBOXES_MANAGE);
        model.addAttribute("inbox", inbox);
        model.addAttribute("snippet", EmbedSnippet.of(base(), inbox.id()));
        model.addAttribute("demoUrl", base() + "/demo/" + inbox.id());
        return "widget/install";
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
