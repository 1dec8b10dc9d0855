/**
 * Sign-in: getting into the dashboard and staying there. The dashboard's filter chain and
 * its form sign-in by password ({@link org.confidant.signin.MemberSignIn}), the throttle
 * on wrong passwords and codes ({@link org.confidant.signin.SignInThrottle}), the steps
 * after the password ({@link org.confidant.signin.SignInSteps}: a second factor, or an
 * enrolment under a workspace's "2FA required" policy), second factors (TOTP with
 * recovery codes, {@link org.confidant.signin.SecondFactorManagement}; passkeys,
 * {@link org.confidant.signin.PasskeyManagement}, also as a passwordless sign-in), the
 * signed-in sessions with each workspace's idle and absolute limits
 * ({@link org.confidant.signin.MemberSessions},
 * {@link org.confidant.signin.SecurityPolicies}), the workspace switcher, and the pages
 * where a member re-authenticates to change their password, email or second factors.
 * Other modules add a way of signing in
 * ({@link org.confidant.signin.DashboardSignInMethod}) or refuse a password for a
 * membership ({@link org.confidant.signin.PasswordSignInPolicy}); nothing here knows
 * them.
 */
@ApplicationModule(displayName = "Sign-in",
        allowedDependencies = { "identity::api", "crypto::api", "ratelimit::api", "system::api", "tenancy::api",
                "workspace::api" })
@NullMarked
package org.confidant.signin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
