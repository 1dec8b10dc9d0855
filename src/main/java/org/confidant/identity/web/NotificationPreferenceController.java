package org.confidant.identity.web;

import org.confidant.identity.MemberPrincipal;
import org.confidant.identity.NotificationPreferenceManagement;
import org.confidant.identity.NotificationPreferences;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A member's own notification preferences, on their account page: what notifies them,
 * with or without a sound and the message's text. Desktop notifications themselves are
 * the browser's to allow, asked on a click on this page or in the top bar.
 */
@Controller
class NotificationPreferenceController {

    private final NotificationPreferenceManagement preferences;

    NotificationPreferenceController(NotificationPreferenceManagement preferences) {
        this.preferences = preferences;
    }

    @GetMapping("/app/account/notifications")
    String page(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        model.addAttribute("preferences", preferences.of(me.workspaceId(), me.memberId()));
        return "identity/notifications";
    }

    @PostMapping("/app/account/notifications")
    String change(@AuthenticationPrincipal MemberPrincipal me,
            @RequestParam(defaultValue = "false") boolean newConversations,
            @RequestParam(defaultValue = "false") boolean myConversations,
            @RequestParam(defaultValue = "false") boolean inboxMessages,
            @RequestParam(defaultValue = "false") boolean sound,
            @RequestParam(defaultValue = "false") boolean previews) {
        preferences.change(me.workspaceId(), me.memberId(),
                new NotificationPreferences(newConversations, myConversations, inboxMessages, sound, previews));
        return "redirect:/app/account/notifications?saved";
    }

}
