package org.confidant.identity.web;

import org.confidant.identity.MemberPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in member into every page's model as {@code me} (the layout shows their name). */
@ControllerAdvice
class SignedInMemberModel {

    @ModelAttribute("me")
    MemberPrincipal me(@AuthenticationPrincipal MemberPrincipal me) {
        return me;
    }
}
