package org.confidant.alert.web;

import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.Grants;
import org.confidant.alert.AlertChannelId;
import org.confidant.alert.AlertManagement;
import org.confidant.alert.AlertRule;
import org.confidant.alert.ChannelKind;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The alerts page, for members who manage security: switch rules, add and remove channels
 * (each URL checked against SSRF before anything is stored), send a test alert, and see
 * the recent deliveries with their status. A refused channel answers 400 with the reason
 * on the page; a new webhook's signing secret is shown in that one answer only.
 */
@Controller
class AlertController {

    private final AlertManagement alerts;

    AlertController(AlertManagement alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/app/alerts")
    String page(Grants me, Model model) {
        model.addAttribute("rules", alerts.rules(me));
        model.addAttribute("channels", alerts.channels(me));
        model.addAttribute("deliveries", alerts.recentDeliveries(me));
        model.addAttribute("kinds", ChannelKind.values());
        return "alert/alerts";
    }

    @PostMapping("/app/alerts/rules")
    String rule(Grants me, @RequestParam String rule, @RequestParam boolean enabled) {
        AlertRule chosen = AlertRule.byKey(rule)
            .orElseThrow(() -> new Rejected("bad_rule", "There is no alert rule " + rule + "."));
        alerts.setRule(me, chosen, enabled);
        return "redirect:/app/alerts";
    }

    @PostMapping("/app/alerts/channels")
    String addChannel(Grants me, @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String target, Model model, HttpServletResponse response) {
        try {
            switch (kind) {
                case "SIGNED_WEBHOOK" ->
                    model.addAttribute("signingSecret", alerts.addSignedWebhook(me, target).signingSecret());
                case "SLACK" -> alerts.addSlackWebhook(me, target);
                case "EMAIL" -> alerts.addEmail(me, target);
                default -> throw new Rejected("bad_channel_kind", "Choose a signed webhook, Slack or email.");
            }
            model.addAttribute("notice", "Channel added.");
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            model.addAttribute("kind", kind);
            model.addAttribute("target", target);
        }
        return page(me, model);
    }

    @PostMapping("/app/alerts/channels/{id}/remove")
    String removeChannel(Grants me, @PathVariable AlertChannelId id) {
        alerts.removeChannel(me, id);
        return "redirect:/app/alerts";
    }

    @PostMapping("/app/alerts/test")
    String test(Grants me, Model model) {
        int channels = alerts.sendTest(me);
        model.addAttribute("notice", channels == 0 ? "There is no channel to send a test alert to."
                : "A test alert is on its way to " + channels + (channels == 1 ? " channel." : " channels."));
        return page(me, model);
    }

}
