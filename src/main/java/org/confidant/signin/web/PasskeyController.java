package org.confidant.signin.web;

import org.confidant.identity.MemberPrincipal;
import org.confidant.signin.MemberSessions;
import org.confidant.signin.PasskeyManagement;
import org.confidant.signin.web.PasskeyCeremonies.Ceremony;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.confidant.shared.Rejected;

/**
 * Adding a passkey from the member's two-factor page ({@code static/js/passkeys.js}
 * drives it): the current password first, which gets the options for the browser's
 * {@code navigator.credentials.create}, then the new credential. Like every second-factor
 * change, it signs out the account's other sessions, in every workspace, and publishes
 * {@code
 * SecondFactorChanged} (which also revokes the account's API tokens). Removing one is a
 * form of {@link TwoFactorController}.
 */
@Controller
class PasskeyController {

    private static final String PAGE = "/app/account/two-factor";

    private static final String ADD = PAGE + "/passkeys";

    private final PasskeyManagement passkeys;

    private final MemberSessions sessions;

    private final Reauthentication reauthentication;

    private final PasskeyCeremonies ceremonies;

    PasskeyController(PasskeyManagement passkeys, MemberSessions sessions, Reauthentication reauthentication,
            PasskeyCeremonies ceremonies) {
        this.passkeys = passkeys;
        this.sessions = sessions;
        this.reauthentication = reauthentication;
        this.ceremonies = ceremonies;
    }

    /**
     * The options for a new passkey, once the current password is given (form field
     * {@code current}).
     */
    @PostMapping(ADD + "/options")
    ResponseEntity<?> options(@AuthenticationPrincipal MemberPrincipal me,
            @RequestParam(defaultValue = "") String current, HttpServletRequest request, HttpServletResponse response,
            HttpSession session) {
        ceremonies.take(session, Ceremony.REGISTRATION, Object.class); // a new attempt
                                                                       // forgets an
                                                                       // unfinished one
        try {
            reauthentication.require(me, current, request);
        }
        catch (Rejected wrong) {
            return PasskeyCeremonies.refused(HttpStatus.BAD_REQUEST, wrong.getMessage());
        }
        return ceremonies.offer(session, Ceremony.REGISTRATION, passkeys.registrationOptions(me));
    }

    /**
     * The browser's new credential, with the member's label, for the options of this
     * session's attempt.
     */
    @PostMapping(ADD)
    ResponseEntity<?> add(@AuthenticationPrincipal MemberPrincipal me, HttpServletRequest request,
            HttpSession session) {
        var answer = ceremonies.registration(request, session, Ceremony.REGISTRATION);
        passkeys.register(me, answer.options(), answer.key());
        int ended = sessions.endOthersOfAccount(me.accountId(), session.getId());
        return PasskeyCeremonies.next(PAGE + "?passkey_added&ended=" + ended);
    }

}
