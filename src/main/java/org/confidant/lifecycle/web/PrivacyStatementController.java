package org.confidant.lifecycle.web;

import org.confidant.lifecycle.PrivacyStatementManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page the chat links to, on Confidant's origin and under the widget's strict policy
 * (no script at all): what the inbox's chat stores and for how long, generated from its
 * settings, with the business's notice and privacy policy. Public: the inbox id it takes
 * is the one in the embed snippet; an unknown one is not found.
 */
@Controller
class PrivacyStatementController {

    private final PrivacyStatementManagement statements;

    PrivacyStatementController(PrivacyStatementManagement statements) {
        this.statements = statements;
    }

    @GetMapping("/widget/privacy")
    String statement(@RequestParam(defaultValue = "") String inbox, Model model) {
        InboxId id;
        try {
            id = InboxId.of(inbox);
        }
        catch (IllegalArgumentException e) {
            throw new NotFound("inbox");
        }
        model.addAttribute("statement", statements.forWidget(id).orElseThrow(() -> new NotFound("inbox")));
        return "lifecycle/statement";
    }

}
