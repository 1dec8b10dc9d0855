package org.confidant.inbox.web;

import java.util.UUID;

import org.confidant.access.Grants;
import org.confidant.inbox.VisitorIdentityTokens;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An inbox's identity verification: the keys the business signs its visitors' identity
 * tokens with (an HS256 secret made here and shown once, or an RS256/ES256 public key),
 * retiring them, and whether the widget opens only for verified visitors.
 */
@Controller
class VisitorIdentityController {

    private final VisitorIdentityTokens identities;

    private final InboxManagement inboxes;

    VisitorIdentityController(VisitorIdentityTokens identities, InboxManagement inboxes) {
        this.identities = identities;
        this.inboxes = inboxes;
    }

    @GetMapping("/app/inboxes/{id}/identity")
    String page(Grants me, @PathVariable InboxId id, Model model) {
        return page(me, id, model, null);
    }

    @PostMapping("/app/inboxes/{id}/identity/secret")
    String addSecret(Grants me, @PathVariable InboxId id, @RequestParam(defaultValue = "") String kid, Model model) {
        VisitorIdentityTokens.NewSecret created = identities.addSharedSecret(me, id, kid);
        // shown in this answer only (no-store, never in a URL)
        return page(me, id, model, created.secret());
    }

    @PostMapping("/app/inboxes/{id}/identity/public-key")
    String addPublicKey(Grants me, @PathVariable InboxId id, @RequestParam(defaultValue = "") String kid,
            @RequestParam(defaultValue = "") String pem) {
        identities.addPublicKey(me, id, kid, pem);
        return "redirect:/app/inboxes/" + id + "/identity?saved";
    }

    @PostMapping("/app/inboxes/{id}/identity/retire")
    String retire(Grants me, @PathVariable InboxId id, @RequestParam UUID key) {
        identities.retire(me, id, key);
        return "redirect:/app/inboxes/" + id + "/identity?saved";
    }

    @PostMapping("/app/inboxes/{id}/identity/required")
    String required(Grants me, @PathVariable InboxId id, @RequestParam(defaultValue = "false") boolean required) {
        identities.setRequired(me, id, required);
        return "redirect:/app/inboxes/" + id + "/identity?saved";
    }

    private String page(Grants me, InboxId id, Model model, String newSecret) {
        Inbox inbox = inboxes.find(me.workspaceId(), id).orElseThrow(() -> new NotFound("inbox"));
        model.addAttribute("keys", identities.keys(me, id));
        model.addAttribute("inbox", inbox);
        model.addAttribute("required", identities.isRequired(inbox));
        model.addAttribute("newSecret", newSecret);
        return "inbox/identity";
    }

}
