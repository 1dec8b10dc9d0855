package org.confidant.contact.web;

import org.confidant.contact.ContactManagement;
import org.confidant.identity.MemberPrincipal;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Rejected;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The contact card's form: an agent records who the visitor is (name, email, phone). */
@Controller
class ContactController {

    private final ContactManagement contacts;

    ContactController(ContactManagement contacts) {
        this.contacts = contacts;
    }

    @PostMapping("/app/contacts/{id}")
    String update(@AuthenticationPrincipal MemberPrincipal me, @PathVariable ContactId id,
            @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String phone, @RequestParam ConversationId conversation,
            RedirectAttributes redirect) {
        try {
            contacts.updateDetails(me.workspaceId(), id, displayName, email, phone);
        } catch (Rejected rejected) {
            redirect.addFlashAttribute("contactError", rejected.getMessage());
        }
        return "redirect:/app/conversations/" + conversation;
    }
}
