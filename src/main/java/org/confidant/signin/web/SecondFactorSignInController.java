package org.confidant.signin.web;

import java.util.List;

import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.PasskeyManagement;
import org.confidant.signin.PasskeyRelyingParty;
import org.confidant.signin.SecondFactorManagement;
import org.confidant.signin.SignInSteps;
import org.confidant.signin.SignInThrottle;
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

/**
 * The sign-in steps after the password (see {@link SignInSteps}): a code from the
 * authenticator or a recovery code, or, when the workspace requires 2FA and the account
 * has none, enrolling one. Wrong codes are throttled like wrong passwords. A passkey
 * serves either step instead ({@link PasskeySignInController}).
 */
@Controller
class SecondFactorSignInController {

    private final SecondFactorManagement factors;

    private final PasskeyManagement passkeys;

    private final PasskeyRelyingParty relyingParty;

    private final SignInSteps steps;

    private final SignInThrottle throttle;

    SecondFactorSignInController(SecondFactorManagement factors, PasskeyManagement passkeys,
            PasskeyRelyingParty relyingParty, SignInSteps steps, SignInThrottle throttle) {
        this.factors = factors;
        this.passkeys = passkeys;
        this.relyingParty = relyingParty;
        this.steps = steps;
        this.throttle = throttle;
    }

    /**
     * The code form, and "Use a passkey" for an account that has one, where passkeys
     * work.
     */
    @GetMapping(SignInSteps.SECOND_FACTOR_PAGE)
    String codeForm(@AuthenticationPrincipal MemberPrincipal me, HttpServletRequest request, Model model) {
        model.addAttribute("totp", factors.status(me.accountId()).totp());
        model.addAttribute("hasPasskey", passkeys.hasPasskey(me.accountId()));
        model.addAttribute("passkeyAvailability", relyingParty.availabilityFor(request));
        return "signin/second-factor";
    }

    @PostMapping(SignInSteps.SECOND_FACTOR_PAGE)
    String code(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            throttle.verify(SignInThrottle.Attempt.SECOND_FACTOR, me.getUsername(), request.getRemoteAddr(), () -> {
                if (!factors.verify(me, code.strip())) {
                    throw new Rejected("wrong_code", "That code does not match, or was already used.");
                }
                return true;
            });
        }
        catch (Rejected wrong) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", wrong.getMessage());
            return codeForm(me, request, model);
        }
        steps.complete(request, response, me);
        return "redirect:/app/conversations";
    }

    /**
     * Shows the enrolment under way, or begins one; a passkey may be registered instead
     * where passkeys work.
     */
    @GetMapping(SignInSteps.ENROLMENT_PAGE)
    String enrolForm(@AuthenticationPrincipal MemberPrincipal me, HttpServletRequest request, Model model) {
        model.addAttribute("enrolment", factors.pendingTotp(me).orElseGet(() -> factors.beginTotp(me)));
        model.addAttribute("required", true);
        model.addAttribute("passkeyAvailability", relyingParty.availabilityFor(request));
        model.addAttribute("maxLabelLength", PasskeyManagement.MAX_LABEL_LENGTH);
        model.addAttribute("confirmAction", SignInSteps.ENROLMENT_PAGE);
        return "signin/enrol";
    }

    @PostMapping(SignInSteps.ENROLMENT_PAGE)
    String enrol(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        List<String> recoveryCodes;
        try {
            recoveryCodes = throttle.verify(SignInThrottle.Attempt.SECOND_FACTOR, me.getUsername(),
                    request.getRemoteAddr(), () -> factors.confirmTotp(me, code.strip()));
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            return enrolForm(me, request, model);
        }
        steps.complete(request, response, me);
        model.addAttribute("recoveryCodes", recoveryCodes);
        return "signin/recovery-codes";
    }

}
