package org.confidant.privacy.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.Grants;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.privacy.CardReplacement;
import org.confidant.privacy.ConsentMode;
import org.confidant.privacy.InboxPrivacy;
import org.confidant.privacy.PrivacyManagement;
import org.confidant.privacy.Redaction;
import org.confidant.privacy.VisitorStorage;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
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
 * a test box that shows what a sample would become, storing nothing; and each inbox's
 * consent settings (whether its widget asks for consent first, and whether writing counts
 * as consent, where the visitor's token is kept, the notice and the privacy policy's
 * https link), each refused field a 400 that names it, nothing saved.
 */
@Controller
class PrivacyController {

    private final PrivacyManagement privacy;

    private final InboxManagement inboxes;

    PrivacyController(PrivacyManagement privacy, InboxManagement inboxes) {
        this.privacy = privacy;
        this.inboxes = inboxes;
    }

    @GetMapping("/app/privacy/ingest")
    String page(Grants me, Model model) {
        model.addAttribute("overview", privacy.overview(me));
        model.addAttribute("ipModes", IpMode.values());
        model.addAttribute("replacements", CardReplacement.values());
        model.addAttribute("inboxes", inboxes.list(me.workspaceId()));
        return "privacy/privacy";
    }

    @GetMapping("/app/privacy/inboxes/{id}")
    String inbox(Grants me, @PathVariable String id, Model model) {
        Inbox inbox = inbox(me, id);
        model.addAttribute("inbox", inbox);
        model.addAttribute("privacy", privacy.inboxPrivacy(me, inbox.id()));
        return "privacy/inbox";
    }

    @PostMapping("/app/privacy/inboxes/{id}/consent")
    String consent(Grants me, @PathVariable String id, @RequestParam(defaultValue = "") String consent,
            @RequestParam(defaultValue = "false") String implied, @RequestParam(defaultValue = "") String storage,
            @RequestParam(defaultValue = "") String notice, @RequestParam(defaultValue = "") String policyUrl,
            Model model, HttpServletResponse response) {
        Inbox inbox = inbox(me, id);
        try {
            InboxPrivacy saved = privacy.setInboxPrivacy(me, inbox.id(), consentMode(consent, implied),
                    choose(VisitorStorage.class, storage, "bad_storage",
                            "Choose where the visitor's chat is kept: this browser, or memory only."),
                    notice, policyUrl);
            model.addAttribute("saved", "Saved: the notice is at version " + saved.noticeVersion() + ".");
            model.addAttribute("inbox", inbox);
            model.addAttribute("privacy", saved);
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            model.addAttribute("inbox", inbox);
            model.addAttribute("privacy", privacy.inboxPrivacy(me, inbox.id()));
            model.addAttribute("typedNotice", notice);
            model.addAttribute("typedPolicyUrl", policyUrl);
        }
        return "privacy/inbox";
    }

    /**
     * The inbox of the member's workspace; a malformed, unknown or foreign id is not
     * found.
     */
    private Inbox inbox(Grants me, String id) {
        try {
            return inboxes.find(me.workspaceId(), InboxId.of(id)).orElseThrow(() -> new NotFound("inbox"));
        }
        catch (IllegalArgumentException e) {
            throw new NotFound("inbox");
        }
    }

    /**
     * The form's two questions as one mode: asking at all, and whether writing is consent
     * (which means nothing where the chat does not ask).
     */
    private static ConsentMode consentMode(String consent, String implied) {
        boolean writing = switch (implied) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Rejected("bad_consent", "Say whether starting to write counts as consent.");
        };
        return switch (consent.toUpperCase(Locale.ROOT)) {
            case "OFF" -> ConsentMode.OFF;
            case "ASK" -> writing ? ConsentMode.IMPLIED : ConsentMode.EXPLICIT;
            default -> throw new Rejected("bad_consent", "Choose whether the chat asks for consent first.");
        };
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
