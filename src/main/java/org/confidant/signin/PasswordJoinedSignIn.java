package org.confidant.signin;

import java.util.Optional;

import org.confidant.identity.JoinedSignIn;
import org.confidant.identity.MemberPrincipal;
import org.confidant.tenancy.Tenancy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The sign-in that follows setting up or joining with a password: the same as a password
 * sign-in on the sign-in page. The session gets a new id (against fixation), then the
 * full sign-in or the step the account owes ({@link SignInSteps}), and the sign-in is
 * announced as Spring Security announces a password sign-in, so that
 * {@link MemberSessions} records the session and {@code sign_in.succeeded} is audited. A
 * membership that a {@link PasswordSignInPolicy} sends to single sign-on is not signed
 * in.
 */
@Component
class PasswordJoinedSignIn implements JoinedSignIn {

    private final SignInSteps steps;

    private final MemberSignIn signIn;

    private final ApplicationEventPublisher events;

    PasswordJoinedSignIn(SignInSteps steps, MemberSignIn signIn, ApplicationEventPublisher events) {
        this.steps = steps;
        this.signIn = signIn;
        this.events = events;
    }

    @Override
    public Optional<String> signIn(HttpServletRequest request, HttpServletResponse response, MemberPrincipal member) {
        // the browser may still be signed in to another workspace, whose scope the
        // request has
        return Tenancy.system("a person who has just joined is signed in to the workspace they joined", () -> {
            if (signIn.requiredSignIn(member).isPresent()) {
                return Optional.empty();
            }
            member.eraseCredentials();
            request.getSession();
            request.changeSessionId();
            Optional<String> step = steps.owedStep(member);
            step.ifPresentOrElse(owed -> steps.hold(request, response, member, owed),
                    () -> steps.save(request, response, SignInSteps.fullSignIn(member)));
            events.publishEvent(new InteractiveAuthenticationSuccessEvent(SignInSteps.fullSignIn(member),
                    UsernamePasswordAuthenticationFilter.class));
            return Optional.of(step.map(SignInSteps::pageOf).orElse(SignInSteps.DASHBOARD));
        });
    }

}
