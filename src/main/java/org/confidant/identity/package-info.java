/**
 * Identity: accounts, their memberships in workspaces, signing in, and the single-use links that let people in
 * (the first-start setup link and invitations). Passwords are hashed with Argon2id (bcrypt hashes of before are upgraded at sign-in); links and tokens are
 * stored only as SHA-256 digests and consumed atomically. {@link org.confidant.identity.SignInThrottle} slows
 * brute force per email and per address; {@link org.confidant.identity.MemberSessions} keeps the signed-in sessions
 * (listing, signing out others, each workspace's idle timeout and absolute lifetime). {@link
 * org.confidant.identity.SecondFactorManagement} keeps accounts' second factors: a TOTP authenticator (its secret
 * encrypted under the deployment key, each code accepted once) and single-use recovery codes; {@link
 * org.confidant.identity.SignInSteps} holds a sign-in that still owes its code, or an enrolment under a workspace's
 * "2FA required" policy ({@link org.confidant.identity.SecurityPolicies}), away from everything else. A {@link
 * org.confidant.identity.PasswordSignInPolicy} of another module (the {@code sso} module's "SSO required") can keep a
 * membership from being entered with a password; {@link org.confidant.identity.AccountManagement} creates the
 * accounts and just-in-time memberships of external identities for it. {@link org.confidant.identity.PasswordReset}
 * sends single-use reset links by email without telling anyone whether an account has the email. Passkeys are not here
 * yet.
 * Sign-in, links, the workspace switcher and password changes are cross-workspace ({@code @CrossWorkspace}).
 * Depends on {@code workspace}, {@code crypto}, {@code tenancy}, {@code ratelimit} (reset requests) and
 * {@code shared}.
 */
package org.confidant.identity;
