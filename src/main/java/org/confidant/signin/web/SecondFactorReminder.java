package org.confidant.signin.web;

import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.SecondFactorManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Puts {@code remindSecondFactor} in every page's model: true while the signed-in
 * member's account has neither an authenticator nor a passkey and the member has not put
 * the reminder off for this session, so the layout shows a banner leading to the
 * enrolment (read only when a full page's layout shows it).
 */
@ControllerAdvice
class SecondFactorReminder {

    /** The session attribute that puts the reminder off until the session ends. */
    static final String PUT_OFF = SecondFactorReminder.class.getName() + ".putOff";

    private final SecondFactorManagement factors;

    SecondFactorReminder(SecondFactorManagement factors) {
        this.factors = factors;
    }

    @ModelAttribute("remindSecondFactor")
    LazyContextVariable<Boolean> remindSecondFactor(@AuthenticationPrincipal MemberPrincipal me,
            HttpServletRequest request) {
        return new LazyContextVariable<>() {
            @Override
            protected Boolean loadValue() {
                HttpSession session = request.getSession(false);
                boolean putOff = session != null && session.getAttribute(PUT_OFF) != null;
                return me != null && !putOff && !factors.hasSecondFactor(me.accountId());
            }
        };
    }

}
