package org.confidant.lifecycle.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.Grants;
import org.confidant.identity.Role;
import org.confidant.lifecycle.CancellationManagement;
import org.confidant.shared.Forbidden;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Cancelling the workspace ({@code /app/workspace/cancel}, owners only: current password
 * and the workspace's name typed), and the page every member of a cancelled workspace is
 * kept on ({@code /app/workspace/cancelled}), where an owner may undo it.
 */
@Controller
class CancellationController {

    private final CancellationManagement cancellations;

    CancellationController(CancellationManagement cancellations) {
        this.cancellations = cancellations;
    }

    @GetMapping("/app/workspace/cancel")
    String page(Grants me, Model model) {
        if (me.role() != Role.OWNER) {
            throw new Forbidden("Only an owner can cancel the workspace.");
        }
        model.addAttribute("phrase", cancellations.phrase(me));
        return "lifecycle/cancel";
    }

    @PostMapping("/app/workspace/cancel")
    String cancel(Grants me, @RequestParam(defaultValue = "") String current,
            @RequestParam(required = false) String confirmation, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        try {
            cancellations.cancel(me, current, confirmation, request.getRemoteAddr());
            return "redirect:/login?cancelled";
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            return page(me, model);
        }
    }

    @GetMapping("/app/workspace/cancelled")
    String cancelled(Grants me, Model model) {
        model.addAttribute("cancellation", cancellations.cancellation(me.workspaceId()).orElse(null));
        model.addAttribute("owner", me.role() == Role.OWNER);
        return "lifecycle/cancelled";
    }

    @PostMapping("/app/workspace/restore")
    String restore(Grants me) {
        cancellations.restore(me);
        return "redirect:/app/conversations?restored";
    }

}
