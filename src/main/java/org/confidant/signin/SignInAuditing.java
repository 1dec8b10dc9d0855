package org.confidant.signin;

import java.util.List;
import java.util.Locale;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.MemberPrincipal;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.stereotype.Component;

/**
 * Turns Spring Security's sign-in events (and the passkey sign-in's, announced the same
 * way by {@link SignInSteps#signedIn}) and the throttle's into the audited events of the
 * workspaces concerned: {@link SignedIn}, {@link SignInFailed} and
 * {@link MemberSignInThrottled}, published for each workspace the account belongs to. An
 * email no account has, and an address throttled as such, belong to no workspace and are
 * not in any workspace's log.
 */
@Component
class SignInAuditing {

    private final AccountManagement accounts;

    private final ApplicationEventPublisher events;

    SignInAuditing(AccountManagement accounts, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.events = events;
    }

    @EventListener
    void on(InteractiveAuthenticationSuccessEvent signedIn) {
        // a password or passkey sign-in; single sign-on records its own
        // sign_in.sso_succeeded
        String method = UsernamePasswordAuthenticationFilter.class.isAssignableFrom(signedIn.getGeneratedBy())
                ? "password"
                : PasskeyManagement.class.isAssignableFrom(signedIn.getGeneratedBy()) ? PasskeyManagement.METHOD : null;
        if (method != null && signedIn.getAuthentication().getPrincipal() instanceof MemberPrincipal member) {
            events.publishEvent(new SignedIn(member.workspaceId(), member.memberId(), method));
        }
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent failure) {
        String reason = failure.getException()
            .getClass()
            .getSimpleName()
            .replaceAll("Exception$", "")
            .replaceAll("([a-z])([A-Z])", "$1_$2")
            .toLowerCase(Locale.ROOT);
        membershipsOf(failure.getAuthentication().getName())
            .forEach(member -> events.publishEvent(new SignInFailed(member.workspaceId(), member.memberId(), reason)));
    }

    @EventListener
    void on(SignInThrottled throttled) {
        if (throttled.kind() == SignInThrottled.Kind.ACCOUNT) {
            membershipsOf(throttled.subject())
                .forEach(member -> events.publishEvent(new MemberSignInThrottled(member.workspaceId(),
                        member.memberId(), throttled.failures(), throttled.until())));
        }
    }

    private List<MemberPrincipal> membershipsOf(String email) {
        // a sign-in names an email, not a workspace: its memberships are found across
        // workspaces
        return accounts.membershipsByEmail(email);
    }

}
