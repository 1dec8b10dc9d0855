package org.confidant.signin.web;

import org.confidant.signin.PasskeyRelyingParty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The sign-in page; Spring Security's form login handles the POST and sign-out,
 * {@link PasskeySignInController} the passkey sign-in it offers where passkeys work.
 */
@Controller
class SignInController {

    private final PasskeyRelyingParty relyingParty;

    SignInController(PasskeyRelyingParty relyingParty) {
        this.relyingParty = relyingParty;
    }

    @GetMapping("/login")
    String signIn(HttpServletRequest request, Model model) {
        model.addAttribute("passkeyAvailability", relyingParty.availabilityFor(request));
        return "signin/login";
    }

}
