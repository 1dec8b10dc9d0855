package org.confidant.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security's form login handles the POST and sign-out. */
@Controller
class SignInController {

    @GetMapping("/login")
    String signIn() {
        return "identity/login";
    }
}
