/**
 * Identity: accounts, their memberships in workspaces, signing in, and the single-use links that let people in
 * (the first-start setup link and invitations). Passwords are hashed with Argon2id (bcrypt hashes of before are
 * upgraded at sign-in); links and tokens are stored only as SHA-256 digests and consumed atomically. {@link
 * org.confidant.identity.SignInThrottle} slows brute force per email and per address; {@link
 * org.confidant.identity.MemberSessions} keeps the signed-in sessions (listing, signing out others, each workspace's
 * idle timeout and absolute lifetime). {@link
 * org.confidant.identity.SecondFactorManagement} keeps accounts' second factors: a TOTP authenticator (its secret
 * encrypted under the deployment key, each code accepted once) and single-use recovery codes; {@link
 * org.confidant.identity.SignInSteps} holds a sign-in that still owes its code, or an enrolment under a workspace's
 * "2FA required" policy ({@link org.confidant.identity.SecurityPolicies}), away from everything else. A {@link
 * org.confidant.identity.PasswordSignInPolicy} of another module (the {@code sso} module's "SSO required") can keep a
 * membership from being entered with a password; {@link org.confidant.identity.AccountManagement} creates the
 * accounts and just-in-time memberships of external identities for it. {@link org.confidant.identity.PasswordReset}
 * sends single-use reset links by email without telling anyone whether an account has the email.
 *
 * <p>{@link org.confidant.identity.PasskeyManagement} keeps accounts' passkeys (WebAuthn): added and removed on the
 * two-factor page after the current password, used as the second step after the password, as the enrolment a "2FA
 * required" workspace asks for, or alone for a passwordless sign-in (a discoverable credential with user verification
 * is itself multi-factor) that lands where a password would (so "SSO required" refuses it but for the owners'
 * break-glass). As decided, Spring Security's relying-party operations ({@code Webauthn4JRelyingPartyOperations},
 * webauthn4j underneath) make the options and verify every response, inside our own controllers, with our own
 * repositories ({@link org.confidant.identity.PasskeyUsers}, {@link org.confidant.identity.PasskeyCredentials}) over
 * account-level tables; its {@code http.webAuthn()} filters are not used (their principal and JSON answers do not fit
 * {@link org.confidant.identity.MemberPrincipal} and {@link org.confidant.identity.SignInSteps}). Two refinements: the
 * options wait in the session while their challenge is also recorded in a single-use store ({@link
 * org.confidant.identity.PasskeyChallenges}, consumed by one conditional DELETE before any verification); and the
 * stored credential is handed to the library with the counter of its last accepted assertion (Spring Security's own
 * JDBC repository would compare against the registration's), so that the library's counter check catches a cloned
 * authenticator. The relying party id and the one accepted origin come from {@code confidant.public-url}, or are {@code
 * localhost} and the server's own port on a local trial ({@link org.confidant.identity.PasskeyRelyingParty}).
 *
 * <p>Sign-in, links, the workspace switcher, password changes and the passkey sign-in are cross-workspace
 * ({@code @CrossWorkspace}). Depends on {@code workspace}, {@code crypto}, {@code ratelimit} (the passkey sign-in's
 * and password resets' budgets), {@code tenancy} and {@code shared}.
 */
package org.confidant.identity;
