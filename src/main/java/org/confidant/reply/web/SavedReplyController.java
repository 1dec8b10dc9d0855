package org.confidant.reply.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.Grants;
import org.confidant.reply.SavedReply;
import org.confidant.reply.SavedReplyId;
import org.confidant.reply.SavedReplyManagement;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The saved-replies page (the workspace's replies, changed by those with
 * {@code replies.manage}, and the member's own), and what the reply box's picker asks
 * for: the names the member may use, and a reply's text filled in for the open
 * conversation. A refused form shows the page again with a 400, what was typed kept and
 * nothing stored.
 */
@Controller
class SavedReplyController {

    /** A name the picker lists, and whether it is the member's own. */
    record Choice(String name, boolean personal) {
    }

    private final SavedReplyManagement replies;

    SavedReplyController(SavedReplyManagement replies) {
        this.replies = replies;
    }

    @GetMapping("/app/replies")
    String page(Grants me, Model model) {
        List<SavedReply> usable = replies.usable(me);
        model.addAttribute("workspaceReplies", usable.stream().filter(r -> !r.personal()).toList());
        model.addAttribute("personalReplies", usable.stream().filter(SavedReply::personal).toList());
        model.addAttribute("variables", SavedReplyManagement.VARIABLES);
        return "reply/replies";
    }

    @PostMapping("/app/replies")
    String add(Grants me, @RequestParam(defaultValue = "personal") String scope,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String body, Model model,
            HttpServletResponse response) {
        try {
            replies.add(me, scope(scope), name, body);
            return "redirect:/app/replies?saved";
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            model.addAttribute("draftScope", scope);
            model.addAttribute("draftName", name);
            model.addAttribute("draftBody", body);
            return page(me, model);
        }
    }

    @PostMapping("/app/replies/{id}")
    String change(Grants me, @PathVariable SavedReplyId id, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String body, Model model, HttpServletResponse response) {
        try {
            replies.change(me, id, name, body);
            return "redirect:/app/replies?saved";
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            return page(me, model);
        }
    }

    @PostMapping("/app/replies/{id}/delete")
    String delete(Grants me, @PathVariable SavedReplyId id) {
        replies.delete(me, id);
        return "redirect:/app/replies?deleted";
    }

    /** The names the reply box's picker offers in this conversation. */
    @GetMapping(path = "/app/conversations/{id}/replies", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Choice> choices(Grants me, @PathVariable ConversationId id) {
        replies.requireAnswerable(me, id);
        return replies.usable(me).stream().map(r -> new Choice(r.name(), r.personal())).toList();
    }

    /** A reply's text with the conversation's variables filled in, for the reply box. */
    @GetMapping(path = "/app/conversations/{id}/replies/{name}", produces = "text/plain;charset=UTF-8")
    @ResponseBody
    String text(Grants me, @PathVariable ConversationId id, @PathVariable String name) {
        return replies.fill(me, id, name);
    }

    private static SavedReplyManagement.Scope scope(String name) {
        try {
            return SavedReplyManagement.Scope.valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new Rejected("bad_reply_scope", "A reply is the workspace's or your own.");
        }
    }

}
