package org.confidant.signin.web;

import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.MemberSessions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import jakarta.servlet.http.HttpSession;

/**
 * A member's own signed-in sessions: where and since when, and signing out all the
 * others.
 */
@Controller
class SessionsController {

    private final MemberSessions sessions;

    SessionsController(MemberSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/app/account/sessions")
    String list(@AuthenticationPrincipal MemberPrincipal me, HttpSession current, Model model) {
        model.addAttribute("sessions", sessions.sessionsOf(me.workspaceId(), me.memberId(), current.getId()));
        model.addAttribute("lifetime", sessions.absoluteLifetime(me.workspaceId()));
        return "signin/sessions";
    }

    @PostMapping("/app/account/sessions/sign-out-others")
    String signOutOthers(@AuthenticationPrincipal MemberPrincipal me, HttpSession current) {
        int ended = sessions.endOthers(me.workspaceId(), me.memberId(), current.getId());
        return "redirect:/app/account/sessions?ended=" + ended;
    }

}
