package org.confidant.signin.web;

import java.util.Optional;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.SignInThrottle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The current password asked again before a sensitive change (second factors, recovery codes, email): a session left
 * open is not enough to take the account over. Wrong guesses count towards the sign-in throttle, and a throttled
 * account's password is not even checked.
 */
@Component
class Reauthentication {

    private final AccountManagement accounts;
    private final SignInThrottle throttle;

    Reauthentication(AccountManagement accounts, SignInThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /** Empty if the password is right; otherwise what to tell the person (the response status is set). */
    Optional<String> refusal(MemberPrincipal me, String password, HttpServletRequest request,
            HttpServletResponse response) {
        if (throttle.refusal(me.getUsername(), request.getRemoteAddr()).isPresent()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return Optional.of("Too many wrong passwords. Wait a few minutes, then try again.");
        }
        if (!accounts.isCurrentPassword(me.accountId(), password)) {
            throttle.failed(me.getUsername(), request.getRemoteAddr());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return Optional.of("That is not your current password.");
        }
        return Optional.empty();
    }
}
