package org.confidant.identity.web;

import org.confidant.identity.PasswordReset;
import org.confidant.shared.RateLimited;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * "Forgot your password?" pages: asking for a reset link (the answer never tells whether
 * an account has the email) and setting a new password behind the link.
 */
@Controller
class PasswordResetController {

    static final String REQUEST_PAGE = "/login/reset";
    static final String CONFIRM_PAGE = "/login/reset/confirm";

    private final PasswordReset reset;

    PasswordResetController(PasswordReset reset) {
        this.reset = reset;
    }

    @GetMapping(REQUEST_PAGE)
    String form(Model model) {
        model.addAttribute("available", reset.available());
        return "identity/reset-request";
    }

    @PostMapping(REQUEST_PAGE)
    String request(@RequestParam(defaultValue = "") String email, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        model.addAttribute("available", reset.available());
        try {
            reset.request(email, request.getRemoteAddr());
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            return "identity/reset-request";
        }
        catch (RateLimited limited) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
            model.addAttribute("error", "Too many reset requests from your address. Try again later.");
            return "identity/reset-request";
        }
        model.addAttribute("requested", true);
        return "identity/reset-request";
    }

    @GetMapping(CONFIRM_PAGE)
    String newPasswordForm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        if (!reset.isValid(token)) {
            return LinkPages.invalid(response);
        }
        model.addAttribute("token", token);
        return "identity/reset-password";
    }

    @PostMapping(CONFIRM_PAGE)
    String setPassword(@RequestParam(required = false) String token, @RequestParam(defaultValue = "") String password,
            Model model, HttpServletResponse response) {
        try {
            reset.reset(token, password);
            return "redirect:/login?reset";
        }
        catch (Rejected rejected) {
            if ("link_invalid".equals(rejected.code())) {
                return LinkPages.invalid(response);
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("token", token);
            model.addAttribute("error", rejected.getMessage());
            return "identity/reset-password";
        }
    }

}
