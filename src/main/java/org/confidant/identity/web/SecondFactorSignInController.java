package org.confidant.identity.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.confidant.identity.MemberPrincipal;
import org.confidant.identity.SecondFactorManagement;
import org.confidant.identity.SignInSteps;
import org.confidant.identity.SignInThrottle;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpHeaders;
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
 * The sign-in steps after the password (see {@link SignInSteps}): a code from the authenticator or a recovery code,
 * or, when the workspace requires 2FA and the account has none, enrolling one. Wrong codes are throttled like wrong
 * passwords.
 */
@Controller
class SecondFactorSignInController {

    private static final String TOO_MANY = "Too many wrong codes. Wait a few minutes, then try again.";

    private final SecondFactorManagement factors;
    private final SignInSteps steps;
    private final SignInThrottle throttle;

    SecondFactorSignInController(SecondFactorManagement factors, SignInSteps steps, SignInThrottle throttle) {
        this.factors = factors;
        this.steps = steps;
        this.throttle = throttle;
    }

    @GetMapping(SignInSteps.SECOND_FACTOR_PAGE)
    String codeForm() {
        return "identity/second-factor";
    }

    @PostMapping(SignInSteps.SECOND_FACTOR_PAGE)
    String code(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Duration> wait = throttle.secondFactorRefusal(me.getUsername(), request.getRemoteAddr());
        if (wait.isPresent()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(SignInThrottle.retryAfterSeconds(wait.get())));
            model.addAttribute("error", TOO_MANY);
            return "identity/second-factor";
        }
        if (!factors.verify(me, code.strip())) {
            throttle.secondFactorFailed(me.getUsername(), request.getRemoteAddr());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "That code does not match, or was already used.");
            return "identity/second-factor";
        }
        throttle.secondFactorPassed(me.getUsername());
        steps.complete(request, response, me);
        return "redirect:/app/conversations";
    }

    /** Shows the enrolment under way, or begins one. */
    @GetMapping(SignInSteps.ENROLMENT_PAGE)
    String enrolForm(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        model.addAttribute("enrolment", factors.pendingTotp(me).orElseGet(() -> factors.beginTotp(me)));
        model.addAttribute("required", true);
        model.addAttribute("confirmAction", SignInSteps.ENROLMENT_PAGE);
        return "identity/enrol";
    }

    @PostMapping(SignInSteps.ENROLMENT_PAGE)
    String enrol(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Duration> wait = throttle.secondFactorRefusal(me.getUsername(), request.getRemoteAddr());
        if (wait.isPresent()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(SignInThrottle.retryAfterSeconds(wait.get())));
            model.addAttribute("error", TOO_MANY);
            return enrolForm(me, model);
        }
        List<String> recoveryCodes;
        try {
            recoveryCodes = factors.confirmTotp(me, code.strip());
        } catch (Rejected rejected) {
            throttle.secondFactorFailed(me.getUsername(), request.getRemoteAddr());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            return enrolForm(me, model);
        }
        throttle.secondFactorPassed(me.getUsername());
        steps.complete(request, response, me);
        model.addAttribute("recoveryCodes", recoveryCodes);
        return "identity/recovery-codes";
    }
}
