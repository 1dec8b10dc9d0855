/**
 * Identity: accounts, their memberships in workspaces, signing in, and the single-use links that let people in
 * (the first-start setup link and invitations). Passwords are hashed with Argon2id (bcrypt hashes of before are upgraded at sign-in); links and tokens are
 * stored only as SHA-256 digests and consumed atomically. {@link org.confidant.identity.SignInThrottle} slows
 * brute force per email and per address; {@link org.confidant.identity.MemberSessions} keeps the signed-in sessions
 * (listing, signing out others, the absolute lifetime). Later issues add 2FA, passkeys, SSO and API tokens here.
 * Sign-in, links, the workspace switcher and password changes are cross-workspace ({@code @CrossWorkspace}).
 * Depends on {@code workspace}, {@code tenancy} and {@code shared}.
 */
package org.confidant.identity;
