package org.confidant.signin.web;

import java.util.Optional;

import org.confidant.identity.MemberPrincipal;
import org.confidant.ratelimit.RateLimit;
import org.confidant.ratelimit.RateLimits;
import org.confidant.signin.PasskeyManagement;
import org.confidant.signin.SignInSteps;
import org.confidant.signin.SignInThrottle;
import org.confidant.signin.web.PasskeyCeremonies.Ceremony;
import org.confidant.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.confidant.shared.Rejected;

/**
 * Passkeys in the sign-in ({@code static/js/passkeys.js} drives each ceremony: options,
 * the browser, the response):
 * <ul>
 * <li>on the sign-in page, a passwordless sign-in with a discoverable passkey and user
 * verification: a whole sign-in (it satisfies "2FA required"), under a new session id,
 * into the account's oldest membership that lets in anyone but single sign-on. Its
 * requests spend the address's {@link RateLimit#PASSKEY_SIGN_INS_PER_ADDRESS} budget;
 * every refusal reads the same, so it tells nobody which accounts exist;
 * <li>at the second step after the password, one of the account's passkeys instead of a
 * code (throttled like wrong codes);
 * <li>at the enrolment a "2FA required" workspace asks for, registering a passkey instead
 * of an authenticator app.
 * </ul>
 */
@Controller
class PasskeySignInController {

    private static final String SIGN_IN = SignInSteps.PASSKEY_SIGN_IN;

    private static final String SECOND_FACTOR = SignInSteps.SECOND_FACTOR_PASSKEY;

    private static final String ENROLMENT = SignInSteps.ENROLMENT_PASSKEY;

    private static final String OPTIONS = SignInSteps.OPTIONS;

    private static final String DASHBOARD = "/app/conversations";

    private static final String NOT_SIGNED_IN = "That passkey did not sign you in.";

    private final PasskeyManagement passkeys;

    private final SignInSteps steps;

    private final SignInThrottle throttle;

    private final RateLimits rateLimits;

    private final PasskeyCeremonies ceremonies;

    PasskeySignInController(PasskeyManagement passkeys, SignInSteps steps, SignInThrottle throttle,
            RateLimits rateLimits, PasskeyCeremonies ceremonies) {
        this.passkeys = passkeys;
        this.steps = steps;
        this.throttle = throttle;
        this.rateLimits = rateLimits;
        this.ceremonies = ceremonies;
    }

    @PostMapping(SIGN_IN + OPTIONS)
    ResponseEntity<String> signInOptions(HttpServletRequest request, HttpSession session) {
        rateLimits.spend(RateLimit.PASSKEY_SIGN_INS_PER_ADDRESS, request.getRemoteAddr());
        return ceremonies.offer(session, Ceremony.SIGN_IN, passkeys.signInOptions());
    }

    @PostMapping(SIGN_IN)
    ResponseEntity<?> signIn(HttpServletRequest request, HttpServletResponse response, HttpSession session) {
        rateLimits.spend(RateLimit.PASSKEY_SIGN_INS_PER_ADDRESS, request.getRemoteAddr());
        var answer = ceremonies.assertion(request, session, Ceremony.SIGN_IN);
        Optional<MemberPrincipal> member = answer.options() == null ? Optional.empty()
                : passkeys.signIn(answer.options(), answer.credential());
        if (member.isEmpty()) {
            return PasskeyCeremonies.refused(HttpStatus.UNAUTHORIZED, NOT_SIGNED_IN);
        }
        // whichever workspace the asking session was in, the sign-in is announced in its
        // new membership's
        Tenancy.system("a passkey sign-in is announced in its membership's workspace",
                () -> steps.signedIn(request, response, member.get(), PasskeyManagement.class));
        return PasskeyCeremonies.next(DASHBOARD);
    }

    @PostMapping(SECOND_FACTOR + OPTIONS)
    ResponseEntity<?> secondFactorOptions(@AuthenticationPrincipal MemberPrincipal me, HttpServletRequest request,
            HttpSession session) {
        throttle.check(SignInThrottle.Attempt.SECOND_FACTOR, me.getUsername(), request.getRemoteAddr());
        return ceremonies.offer(session, Ceremony.SECOND_FACTOR, passkeys.secondFactorOptions(me));
    }

    @PostMapping(SECOND_FACTOR)
    ResponseEntity<?> secondFactor(@AuthenticationPrincipal MemberPrincipal me, HttpServletRequest request,
            HttpServletResponse response, HttpSession session) {
        throttle.check(SignInThrottle.Attempt.SECOND_FACTOR, me.getUsername(), request.getRemoteAddr());
        var answer = ceremonies.assertion(request, session, Ceremony.SECOND_FACTOR);
        try {
            throttle.verify(SignInThrottle.Attempt.SECOND_FACTOR, me.getUsername(), request.getRemoteAddr(), () -> {
                if (answer.options() == null
                        || !passkeys.verifySecondFactor(me, answer.options(), answer.credential())) {
                    throw new Rejected("passkey_refused", NOT_SIGNED_IN);
                }
                return true;
            });
        }
        catch (Rejected refused) {
            return PasskeyCeremonies.refused(HttpStatus.UNAUTHORIZED, NOT_SIGNED_IN);
        }
        steps.complete(request, response, me);
        return PasskeyCeremonies.next(DASHBOARD);
    }

    @PostMapping(ENROLMENT + OPTIONS)
    ResponseEntity<String> enrolmentOptions(@AuthenticationPrincipal MemberPrincipal me, HttpSession session) {
        return ceremonies.offer(session, Ceremony.ENROLMENT, passkeys.registrationOptions(me));
    }

    @PostMapping(ENROLMENT)
    ResponseEntity<?> enrol(@AuthenticationPrincipal MemberPrincipal me, HttpServletRequest request,
            HttpServletResponse response, HttpSession session) {
        var answer = ceremonies.registration(request, session, Ceremony.ENROLMENT);
        passkeys.register(me, answer.options(), answer.key());
        steps.complete(request, response, me);
        return PasskeyCeremonies.next(DASHBOARD);
    }

}
