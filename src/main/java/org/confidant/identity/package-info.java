/**
 * Identity: accounts, their memberships in workspaces, signing in, and the single-use links that let people in
 * (the first-start setup link and invitations). Passwords are hashed with Argon2id (bcrypt hashes of before are upgraded at sign-in); links and tokens are
 * stored only as SHA-256 digests and consumed atomically. {@link org.confidant.identity.SignInThrottle} slows
 * brute force per email and per address; {@link org.confidant.identity.MemberSessions} keeps the signed-in sessions
 * (listing, signing out others, the absolute lifetime). A {@link org.confidant.identity.PasswordSignInPolicy} of
 * another module (the {@code sso} module's "SSO required") can keep a membership from being entered with a password;
 * {@link org.confidant.identity.AccountManagement} creates the accounts and just-in-time memberships of external
 * identities for it. Later issues add 2FA, passkeys and API tokens here.
 * Depends on {@code workspace} and {@code shared}.
 */
package org.confidant.identity;
