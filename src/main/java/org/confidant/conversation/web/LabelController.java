package org.confidant.conversation.web;

import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.conversation.LabelColour;
import org.confidant.conversation.LabelId;
import org.confidant.conversation.LabelManagement;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The labels page, for members with {@code labels.manage}: the workspace's labels, added,
 * renamed, recoloured and deleted. A refused form shows the page again with a 400, what
 * was typed kept and nothing stored.
 */
@Controller
class LabelController {

    private final LabelManagement labels;

    LabelController(LabelManagement labels) {
        this.labels = labels;
    }

    @GetMapping("/app/labels")
    String page(Grants me, Model model) {
        me.require(Permission.LABELS_MANAGE);
        model.addAttribute("labels", labels.all(me));
        model.addAttribute("colours", LabelColour.values());
        model.addAttribute("maxLabels", LabelManagement.MAX_LABELS);
        return "conversation/labels";
    }

    @PostMapping("/app/labels")
    String add(Grants me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "grey") String colour, Model model, HttpServletResponse response) {
        try {
            labels.add(me, name, LabelColour.of(colour));
            return "redirect:/app/labels?saved";
        }
        catch (Rejected rejected) {
            return refused(me, rejected, name, colour, model, response);
        }
    }

    @PostMapping("/app/labels/{id}")
    String change(Grants me, @PathVariable LabelId id, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "grey") String colour, Model model, HttpServletResponse response) {
        try {
            labels.change(me, id, name, LabelColour.of(colour));
            return "redirect:/app/labels?saved";
        }
        catch (Rejected rejected) {
            return refused(me, rejected, null, null, model, response);
        }
    }

    @PostMapping("/app/labels/{id}/delete")
    String delete(Grants me, @PathVariable LabelId id) {
        labels.delete(me, id);
        return "redirect:/app/labels?deleted";
    }

    private String refused(Grants me, Rejected rejected, String name, String colour, Model model,
            HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("error", rejected.getMessage());
        model.addAttribute("draftName", name);
        model.addAttribute("draftColour", colour);
        return page(me, model);
    }

}
