package org.confidant.signin.web;

import java.util.Optional;
import java.util.UUID;

import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.MemberSessions;
import org.confidant.signin.PasskeyManagement;
import org.confidant.signin.PasskeyRelyingParty;
import org.confidant.signin.SecondFactorManagement;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * A member's second factors on their account page: setting up an authenticator, removing
 * it, replacing the recovery codes, listing and removing passkeys (adding one is
 * {@link PasskeyController}'s), each after the current password. A change signs out every
 * other session of the account, in every workspace.
 */
@Controller
class TwoFactorController {

    private static final String PAGE = "signin/two-factor";

    private static final String CONFIRM_ACTION = "/app/account/two-factor/totp/confirm";

    private final SecondFactorManagement factors;

    private final PasskeyManagement passkeys;

    private final PasskeyRelyingParty relyingParty;

    private final MemberSessions sessions;

    private final Reauthentication reauthentication;

    TwoFactorController(SecondFactorManagement factors, PasskeyManagement passkeys, PasskeyRelyingParty relyingParty,
            MemberSessions sessions, Reauthentication reauthentication) {
        this.factors = factors;
        this.passkeys = passkeys;
        this.relyingParty = relyingParty;
        this.sessions = sessions;
        this.reauthentication = reauthentication;
    }

    @GetMapping("/app/account/two-factor")
    String page(@AuthenticationPrincipal MemberPrincipal me, HttpServletRequest request, Model model) {
        model.addAttribute("status", factors.status(me.accountId()));
        model.addAttribute("passkeys", passkeys.list(me.accountId()));
        model.addAttribute("passkeyAvailability", relyingParty.availabilityFor(request));
        model.addAttribute("maxLabelLength", PasskeyManagement.MAX_LABEL_LENGTH);
        return PAGE;
    }

    /**
     * Puts the banner that asks for a second factor off until this session ends (the
     * account menu still leads to the enrolment).
     */
    @PostMapping("/app/account/two-factor/reminder")
    String putOffReminder(HttpSession session) {
        session.setAttribute(SecondFactorReminder.PUT_OFF, Boolean.TRUE);
        return "redirect:/app/conversations";
    }

    @PostMapping("/app/account/two-factor/totp")
    String begin(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String current,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!reauthentication.confirmed(me, current, request, response, model)) {
            return page(me, request, model);
        }
        model.addAttribute("enrolment", factors.beginTotp(me));
        model.addAttribute("confirmAction", CONFIRM_ACTION);
        return "signin/enrol";
    }

    @PostMapping(CONFIRM_ACTION)
    String confirm(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpSession session, HttpServletResponse response, Model model) {
        try {
            model.addAttribute("recoveryCodes", factors.confirmTotp(me, code.strip()));
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            Optional<SecondFactorManagement.TotpEnrolment> pending = factors.pendingTotp(me);
            if (pending.isEmpty()) {
                return refused(me, rejected.getMessage(), request, model);
            }
            model.addAttribute("enrolment", pending.get());
            model.addAttribute("confirmAction", CONFIRM_ACTION);
            return "signin/enrol";
        }
        model.addAttribute("ended", sessions.endOthersOfAccount(me.accountId(), session.getId()));
        return "signin/recovery-codes";
    }

    @PostMapping("/app/account/two-factor/totp/remove")
    String remove(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String current,
            HttpServletRequest request, HttpSession session, HttpServletResponse response, Model model) {
        if (!reauthentication.confirmed(me, current, request, response, model)) {
            return page(me, request, model);
        }
        factors.removeTotp(me);
        int ended = sessions.endOthersOfAccount(me.accountId(), session.getId());
        return "redirect:/app/account/two-factor?removed&ended=" + ended;
    }

    @PostMapping("/app/account/two-factor/recovery-codes")
    String regenerate(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String current,
            HttpServletRequest request, HttpSession session, HttpServletResponse response, Model model) {
        if (!reauthentication.confirmed(me, current, request, response, model)) {
            return page(me, request, model);
        }
        model.addAttribute("recoveryCodes", factors.regenerateRecoveryCodes(me));
        model.addAttribute("ended", sessions.endOthersOfAccount(me.accountId(), session.getId()));
        return "signin/recovery-codes";
    }

    @PostMapping("/app/account/two-factor/passkeys/remove")
    String removePasskey(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String passkey,
            @RequestParam(defaultValue = "") String current, HttpServletRequest request, HttpSession session,
            HttpServletResponse response, Model model) {
        if (!reauthentication.confirmed(me, current, request, response, model)) {
            return page(me, request, model);
        }
        passkeys.remove(me, passkeyId(passkey));
        int ended = sessions.endOthersOfAccount(me.accountId(), session.getId());
        return "redirect:/app/account/two-factor?passkey_removed&ended=" + ended;
    }

    private String refused(MemberPrincipal me, String error, HttpServletRequest request, Model model) {
        model.addAttribute("error", error);
        return page(me, request, model);
    }

    private static UUID passkeyId(String text) {
        try {
            return UUID.fromString(text);
        }
        catch (IllegalArgumentException notAnId) {
            throw new Rejected("no_passkey", "You have no such passkey.");
        }
    }

}
