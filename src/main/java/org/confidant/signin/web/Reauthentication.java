package org.confidant.signin.web;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.MemberPrincipal;
import org.confidant.shared.RateLimited;
import org.confidant.shared.Rejected;
import org.confidant.signin.SignInThrottle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The current password asked again before a sensitive change (password, email, second
 * factors, recovery codes): a session left open is not enough to take the account over.
 * Wrong guesses count towards the sign-in throttle, and a throttled account's password is
 * not even checked: {@link RateLimited}, answered as every 429 is.
 */
@Component
class Reauthentication {

    private final AccountManagement accounts;

    private final SignInThrottle throttle;

    Reauthentication(AccountManagement accounts, SignInThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /**
     * Passes if the password is the member's current one.
     * @throws Rejected {@code wrong_password}, counted by the throttle
     * @throws RateLimited while the account or the address must wait
     */
    void require(MemberPrincipal me, String password, HttpServletRequest request) {
        throttle.verify(SignInThrottle.Attempt.PASSWORD, me.getUsername(), request.getRemoteAddr(), () -> {
            if (!accounts.isCurrentPassword(me.accountId(), password)) {
                throw new Rejected("wrong_password", "That is not your current password.");
            }
            return true;
        });
    }

    /**
     * For a form page: whether the password is the member's current one. If not, the
     * response is a 400 and the model's {@code error} says why, for the page to show
     * again.
     * @throws RateLimited while the account or the address must wait
     */
    boolean confirmed(MemberPrincipal me, String password, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        try {
            require(me, password, request);
            return true;
        }
        catch (Rejected wrong) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", wrong.getMessage());
            return false;
        }
    }

}
