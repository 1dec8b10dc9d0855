package org.confidant.privacy.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.Grants;
import org.confidant.privacy.CardReplacement;
import org.confidant.privacy.PrivacyManagement;
import org.confidant.privacy.Redaction;
import org.confidant.shared.Rejected;
import org.confidant.workspace.IpMode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The privacy page, for members with {@code privacy.manage}: how much of an IP address
 * the workspace keeps, what removed card numbers and IBANs become, the workspace's own
 * redaction rules (each checked before it is saved: a 400 naming it, nothing saved), and
 * a test box that shows what a sample would become, storing nothing.
 */
@Controller
class PrivacyController {

    private final PrivacyManagement privacy;

    PrivacyController(PrivacyManagement privacy) {
        this.privacy = privacy;
    }

    @GetMapping("/app/privacy/ingest")
    String page(Grants me, Model model) {
        model.addAttribute("overview", privacy.overview(me));
        model.addAttribute("ipModes", IpMode.values());
        model.addAttribute("replacements", CardReplacement.values());
        return "privacy/privacy";
    }

    @PostMapping("/app/privacy/ip-mode")
    String ipMode(Grants me, @RequestParam(defaultValue = "") String mode) {
        privacy.setIpMode(me, choose(IpMode.class, mode, "bad_ip_mode", "Choose none, truncated or full."));
        return "redirect:/app/privacy/ingest";
    }

    @PostMapping("/app/privacy/replacement")
    String replacement(Grants me, @RequestParam(defaultValue = "") String replacement) {
        privacy.setCardReplacement(me, choose(CardReplacement.class, replacement, "bad_replacement",
                "Choose the last four digits or fully masked."));
        return "redirect:/app/privacy/ingest";
    }

    @PostMapping("/app/privacy/rules")
    String addRule(Grants me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String pattern, Model model, HttpServletResponse response) {
        try {
            privacy.addRule(me, name, pattern);
            model.addAttribute("notice", "Rule added: it applies to every message from now on.");
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            model.addAttribute("ruleName", name);
            model.addAttribute("rulePattern", pattern);
        }
        return page(me, model);
    }

    @PostMapping("/app/privacy/rules/{id}/remove")
    String removeRule(Grants me, @PathVariable UUID id) {
        privacy.removeRule(me, id);
        return "redirect:/app/privacy/ingest";
    }

    @PostMapping("/app/privacy/preview")
    String preview(Grants me, @RequestParam(defaultValue = "") String sample, Model model,
            HttpServletResponse response) {
        model.addAttribute("sample", sample);
        try {
            Redaction redaction = privacy.preview(me, sample);
            model.addAttribute("preview", redaction);
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
        }
        return page(me, model);
    }

    private static <E extends Enum<E>> E choose(Class<E> type, String value, String code, String message) {
        Optional<E> chosen = Arrays.stream(type.getEnumConstants())
            .filter(e -> e.name().equals(value.toUpperCase(Locale.ROOT)))
            .findFirst();
        return chosen.orElseThrow(() -> new Rejected(code, message));
    }

}
