package org.confidant.signin;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.confidant.identity.MemberPrincipal;

/**
 * The steps of a sign-in after the password. An account with a second factor is held at
 * "second factor pending" until it gives a code; a member of a workspace whose policy
 * requires 2FA and who has no second factor is held at "enrolment pending" until they
 * enrol. A held session carries only that step's authority, never {@link #SIGNED_IN}:
 * every dashboard page, fragment and action and the agent socket's handshake require
 * {@link #SIGNED_IN}, so it reaches nothing but its step's page (anything else is sent
 * there).
 */
@Component
public class SignInSteps implements AuthenticationSuccessHandler, AccessDeniedHandler {

    /**
     * The authority of a fully signed-in member (their permissions are read from the
     * access module).
     */
    public static final String SIGNED_IN = MemberPrincipal.AUTHORITY;

    /** Password verified, second factor not yet. */
    public static final String SECOND_FACTOR_PENDING = "SIGN_IN_SECOND_FACTOR_PENDING";

    /**
     * Password verified; the workspace requires a second factor the account does not have
     * yet.
     */
    public static final String ENROLMENT_PENDING = "SIGN_IN_ENROLMENT_PENDING";

    public static final String SECOND_FACTOR_PAGE = "/login/second-factor";

    public static final String ENROLMENT_PAGE = "/login/second-factor/enrol";

    /**
     * A passkey's sign-in without a password (open to anyone); each passkey path has
     * options at {@link #OPTIONS}.
     */
    public static final String PASSKEY_SIGN_IN = "/login/passkey";

    /** The second step with a passkey instead of a code. */
    public static final String SECOND_FACTOR_PASSKEY = SECOND_FACTOR_PAGE + "/passkey";

    /** The enrolment with a passkey instead of an authenticator app. */
    public static final String ENROLMENT_PASSKEY = ENROLMENT_PAGE + "/passkey";

    /** Where a passkey path's options are. */
    public static final String OPTIONS = "/options";

    static final String DASHBOARD = "/app/conversations";

    private final SecondFactorManagement factors;

    private final SecurityPolicies policies;

    private final ApplicationEventPublisher events;

    private final SavedRequestAwareAuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler();

    private final AccessDeniedHandler denied = new AccessDeniedHandlerImpl();

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInSteps(SecondFactorManagement factors, SecurityPolicies policies, ApplicationEventPublisher events) {
        this.factors = factors;
        this.policies = policies;
        this.events = events;
        signedIn.setDefaultTargetUrl(DASHBOARD);
    }

    /**
     * After the password: on to the dashboard, or held at the step the account still
     * owes.
     */
    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        MemberPrincipal member = (MemberPrincipal) authentication.getPrincipal();
        Optional<String> pending = owedStep(member);
        if (pending.isEmpty()) {
            signedIn.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        hold(request, response, member, pending.get());
        response.sendRedirect(request.getContextPath() + pageOf(pending.get()));
    }

    /**
     * The step a sign-in by password still owes: a second factor, or an enrolment; empty
     * when it owes none.
     */
    Optional<String> owedStep(MemberPrincipal member) {
        return factors.hasSecondFactor(member.accountId()) ? Optional.of(SECOND_FACTOR_PENDING)
                : mustEnrol(member) ? Optional.of(ENROLMENT_PENDING) : Optional.empty();
    }

    /**
     * Whether the membership's workspace requires a second factor that the account lacks.
     */
    public boolean mustEnrol(MemberPrincipal member) {
        return policies.of(member.workspaceId()).twoFactorRequired() && !factors.hasSecondFactor(member.accountId());
    }

    /** Holds the session at a step: it then acts with that step's authority alone. */
    public void hold(HttpServletRequest request, HttpServletResponse response, MemberPrincipal member, String step) {
        save(request, response, UsernamePasswordAuthenticationToken.authenticated(member, null,
                List.of(new SimpleGrantedAuthority(step))));
    }

    /** The step is done: the session becomes a full sign-in, under a new session id. */
    public Authentication complete(HttpServletRequest request, HttpServletResponse response, MemberPrincipal member) {
        request.changeSessionId();
        Authentication signedIn = fullSignIn(member);
        save(request, response, signedIn);
        return signedIn;
    }

    /** The authentication of a member who owes no step. */
    static Authentication fullSignIn(MemberPrincipal member) {
        return UsernamePasswordAuthenticationToken.authenticated(member, null, member.getAuthorities());
    }

    /**
     * A sign-in that owes no step (a passkey with user verification is itself
     * multi-factor): a full sign-in under a new session id, announced as Spring Security
     * announces a password sign-in, so that its session is kept and the sign-in audited
     * ({@code by} tells how it was made).
     */
    public void signedIn(HttpServletRequest request, HttpServletResponse response, MemberPrincipal member,
            Class<?> by) {
        events.publishEvent(new InteractiveAuthenticationSuccessEvent(complete(request, response, member), by));
    }

    /**
     * A held session asking for anything but its step is sent to its step's page; anyone
     * else gets a 403.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
            throws IOException, ServletException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Optional<String> step = authentication == null ? Optional.empty()
                : authentication.getAuthorities()
                    .stream()
                    .map(a -> a.getAuthority())
                    .filter(a -> a.equals(SECOND_FACTOR_PENDING) || a.equals(ENROLMENT_PENDING))
                    .findFirst();
        if (step.isPresent()) {
            response.sendRedirect(request.getContextPath() + pageOf(step.get()));
        }
        else {
            denied.handle(request, response, refused);
        }
    }

    void save(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    static String pageOf(String step) {
        return step.equals(SECOND_FACTOR_PENDING) ? SECOND_FACTOR_PAGE : ENROLMENT_PAGE;
    }

}
