package org.confidant.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.confidant.shared.AccountId;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.confidant.shared.Tokens;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.CrossWorkspace;
import org.confidant.workspace.Workspace;
import org.confidant.workspace.WorkspaceManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity module's public API: setting a deployment up, invitations, the member
 * directory, accounts' passwords and emails, and the look-ups by email and account that
 * signing in needs (the {@code signin} module). Changes to a membership that the
 * {@code access} module authorises are {@link Memberships}'.
 */
@NamedInterface("api")
@Service
public class AccountManagement {

    static final Duration SETUP_LINK_LIFETIME = Duration.ofHours(1);
    static final Duration INVITATION_LIFETIME = Duration.ofDays(3);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{2,63}");

    private static final int MAX_NAME_LENGTH = 120;

    private final Accounts accounts;

    private final OneTimeLinks links;

    private final WorkspaceManagement workspaces;

    private final PasswordEncoder passwordEncoder;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    AccountManagement(Accounts accounts, OneTimeLinks links, WorkspaceManagement workspaces,
            PasswordEncoder passwordEncoder, ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.links = links;
        this.workspaces = workspaces;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A fresh setup token, replacing any earlier one, or empty when the deployment is
     * already set up.
     */
    @Transactional
    @CrossWorkspace("first start: is there any workspace yet")
    public Optional<String> issueSetupLinkIfNeeded() {
        if (workspaces.anyExists()) {
            return Optional.empty();
        }
        links.expireUnused(OneTimeLinks.Purpose.SETUP);
        return Optional.of(links.issue(OneTimeLinks.Purpose.SETUP, null, null, null, SETUP_LINK_LIFETIME).token());
    }

    @CrossWorkspace("a setup link belongs to no workspace")
    public boolean isValidSetupToken(String token) {
        return links.peek(token, OneTimeLinks.Purpose.SETUP).isPresent();
    }

    /**
     * Redeems the setup link: creates the first workspace and its owner, all or nothing,
     * and announces it with the setup page's retention answers ({@link WorkspaceSetUp}:
     * days as typed, blank for ever), which the module that owns retention checks and
     * applies.
     */
    @Transactional
    @CrossWorkspace("a setup link creates the first workspace")
    public Member setUp(String token, String workspaceName, NewAccount owner, @Nullable String resolvedDays,
            @Nullable String attachmentDays) {
        OneTimeLinks.Grant grant = links.peek(token, OneTimeLinks.Purpose.SETUP)
            .orElseThrow(AccountManagement::linkInvalid);
        owner.validate();
        Text.requireWellFormed(workspaceName, "the workspace name");
        if (workspaceName == null || workspaceName.isBlank() || workspaceName.strip().length() > MAX_NAME_LENGTH) {
            throw new Rejected("bad_workspace_name", "A workspace name has 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        String passwordHash = passwordEncoder.encode(owner.password()); // slow: before
                                                                        // the link's row
                                                                        // is locked
        if (!links.consume(grant)) {
            throw linkInvalid();
        }
        Workspace workspace = workspaces.create(workspaceName);
        Member member = join(workspace.id(), Role.OWNER, owner, passwordHash);
        events.publishEvent(new WorkspaceSetUp(workspace.id(), member.id(), resolvedDays, attachmentDays));
        events.publishEvent(new WorkspaceCreated(workspace.id(), member.id()));
        return member;
    }

    /**
     * An invitation just issued: {@code id} links the records of its issue and of its
     * acceptance; {@code token} is for the invitee only, never recorded.
     */
    public record IssuedInvitation(UUID id, String token) {
    }

    /** What an invitation link offers: a workspace, and the role its redeemer gets. */
    public record InvitationOffer(String workspaceName, Role role) {
    }

    /**
     * Issues a single-use invitation link token that makes its redeemer a member with
     * {@code role}. The caller has checked that the inviter may invite with that role.
     */
    @Transactional
    public IssuedInvitation invite(WorkspaceId workspaceId, MemberId inviter, Role role) {
        OneTimeLinks.Issued issued = links.issue(OneTimeLinks.Purpose.INVITATION, workspaceId, role, inviter,
                INVITATION_LIFETIME);
        return new IssuedInvitation(issued.id(), issued.token());
    }

    /**
     * An invitation that still works (not accepted, revoked or expired): whom it makes a
     * member of which role, who issued it (null if that membership was deleted), when it
     * expires. It names no person: a link goes to whoever it was sent to.
     */
    public record PendingInvitation(UUID id, Role role, @Nullable MemberId invitedBy, Instant createdAt,
            Instant expiresAt) {
    }

    /**
     * The workspace's invitations that still work, oldest first. The caller has checked
     * that the viewer may manage members.
     */
    @Transactional(readOnly = true)
    public List<PendingInvitation> pendingInvitations(WorkspaceId workspaceId) {
        return links.pendingInvitations(workspaceId)
            .stream()
            .map(p -> new PendingInvitation(p.id(), p.role(), p.createdBy(), p.createdAt(), p.expiresAt()))
            .toList();
    }

    /**
     * Revokes an invitation of the workspace that still works, so its link grants
     * nothing; {@link NotFound} if the workspace has no such invitation. The caller has
     * checked that the actor may manage members.
     */
    @Transactional
    public void revokeInvitation(WorkspaceId workspaceId, UUID invitationId) {
        if (!links.revokeInvitation(workspaceId, invitationId)) {
            throw new NotFound("invitation");
        }
    }

    /** Whether the token is that of an invitation that was revoked. */
    @Transactional(readOnly = true)
    @CrossWorkspace("an invitation link's token tells its workspace")
    public boolean isRevokedInvitation(String token) {
        return links.isRevokedInvitation(token);
    }

    /**
     * The workspace an invitation leads to and the role it gives, if the invitation is
     * valid now.
     */
    @Transactional(readOnly = true)
    @CrossWorkspace("an invitation link's token tells its workspace")
    public Optional<InvitationOffer> invitation(String token) {
        return links.peek(token, OneTimeLinks.Purpose.INVITATION)
            .flatMap(grant -> workspaces.find(grant.workspaceId())
                .map(workspace -> new InvitationOffer(workspace.name(), grant.role())));
    }

    /**
     * Redeems an invitation. A new email creates an account; the email of an existing
     * account joins that account to the workspace, but only with its password. Both
     * failures read the same, so the form tells nobody which emails have accounts.
     * Publishes {@link MemberJoined} naming the invitation.
     */
    @Transactional
    @CrossWorkspace("an invitation link's token tells its workspace")
    public Member acceptInvitation(String token, NewAccount invitee) {
        OneTimeLinks.Grant grant = links.peek(token, OneTimeLinks.Purpose.INVITATION)
            .orElseThrow(AccountManagement::linkInvalid);
        Member member = redeem(grant, invitee);
        events.publishEvent(new MemberJoined(member.workspaceId(), member.id(), member.role(), grant.linkId()));
        return member;
    }

    private Member redeem(OneTimeLinks.Grant grant, NewAccount invitee) {
        invitee.validate();
        Optional<Accounts.StoredAccount> existing = accounts.findByEmail(invitee.normalisedEmail());
        Optional<Accounts.MembershipState> membership = existing
            .flatMap(account -> accounts.membership(grant.workspaceId(), account.id()));
        if (existing.isPresent() && (!passwordEncoder.matches(invitee.password(), existing.get().passwordHash())
                || membership.filter(m -> !m.removed()).isPresent())) {
            throw new Rejected("account_not_accepted",
                    "This email cannot join with that password. Use another email, or the password of its account.");
        }
        String passwordHash = existing.isPresent() ? null : passwordEncoder.encode(invitee.password());
        if (!links.consume(grant)) {
            throw linkInvalid();
        }
        if (membership.isPresent()) {
            accounts.readmit(grant.workspaceId(), membership.get().id(), grant.role());
            return accounts.findMember(grant.workspaceId(), membership.get().id()).orElseThrow();
        }
        if (existing.isPresent()) {
            MemberId memberId = MemberId.random();
            accounts.insertMember(memberId, grant.workspaceId(), existing.get().id(), grant.role(),
                    Timestamps.now(clock));
            return accounts.findMember(grant.workspaceId(), memberId).orElseThrow();
        }
        return join(grant.workspaceId(), grant.role(), invitee, passwordHash);
    }

    /** A workspace the account belongs to, for the workspace switcher. */
    public record WorkspaceChoice(WorkspaceId id, String name) {
    }

    /** The workspaces the account belongs to, oldest membership first. */
    @Transactional(readOnly = true)
    @CrossWorkspace("the workspace switcher lists an account's memberships")
    public List<WorkspaceChoice> workspacesOf(AccountId accountId) {
        return accounts.principalsOfAccount(accountId)
            .stream()
            .flatMap(p -> workspaces.find(p.workspaceId()).stream())
            .map(w -> new WorkspaceChoice(w.id(), w.name()))
            .toList();
    }

    /**
     * The account's membership of the workspace, as the principal a session switches to;
     * empty if it has none.
     */
    @Transactional(readOnly = true)
    @CrossWorkspace("the workspace switcher moves to another membership")
    public Optional<MemberPrincipal> membershipOf(AccountId accountId, WorkspaceId workspaceId) {
        return accounts.principalsOfAccount(accountId)
            .stream()
            .filter(p -> p.workspaceId().equals(workspaceId))
            .findFirst();
    }

    /**
     * Creates an account for a person whose identity an external provider vouches for
     * (single sign-on). Its password is the hash of a random secret nobody is told: the
     * account signs in through its provider only. An email that already has an account is
     * refused: an external identity never takes over an account by its email.
     */
    @Transactional
    public AccountId createExternalAccount(String displayName, String email) {
        Text.requireWellFormed(displayName, "the provider's name");
        Text.requireWellFormed(email, "the provider's email");
        String normalisedEmail = email.strip().toLowerCase(Locale.ROOT);
        if (email.strip().length() > 254 || !EMAIL.matcher(email.strip()).matches()) {
            throw new Rejected("bad_email", "The provider's email does not look like an email address.");
        }
        if (accounts.findByEmail(normalisedEmail).isPresent()) {
            throw new Rejected("email_taken", "An account with this email exists and is not linked to this identity.");
        }
        String name = displayName == null || displayName.isBlank() ? normalisedEmail : displayName.strip();
        name = name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
        AccountId accountId = AccountId.random();
        accounts.insertAccount(accountId, normalisedEmail, name, passwordEncoder.encode(Tokens.newToken()),
                Timestamps.now(clock));
        return accountId;
    }

    /**
     * The outcome of {@link #joinJustInTime}: the membership, and whether it was made
     * just now.
     */
    public record JustInTimeMembership(Member member, boolean joined) {
    }

    /**
     * The account's current membership of the workspace, made now with {@code role} if it
     * has never had one. A membership that was removed stays removed (only an invitation
     * readmits), and one that is deactivated stays deactivated (only a member who manages
     * members reactivates it): empty then.
     */
    @Transactional
    public Optional<JustInTimeMembership> joinJustInTime(AccountId accountId, WorkspaceId workspaceId, Role role) {
        Optional<Accounts.MembershipState> state = accounts.membership(workspaceId, accountId);
        if (state.isPresent()) {
            return state.filter(m -> !m.removed() && !m.deactivated())
                .flatMap(m -> accounts.findMember(workspaceId, m.id()))
                .map(member -> new JustInTimeMembership(member, false));
        }
        MemberId memberId = MemberId.random();
        accounts.insertMember(memberId, workspaceId, accountId, role, Timestamps.now(clock));
        return accounts.findMember(workspaceId, memberId).map(member -> new JustInTimeMembership(member, true));
    }

    /**
     * Changes the account's password after checking the current one (re-authentication: a
     * session left open is not enough to take the account over). The caller then ends the
     * account's other sessions.
     */
    @Transactional
    @CrossWorkspace("a new password ends the credentials of every membership")
    public void changePassword(AccountId accountId, String currentPassword, String newPassword) {
        String hash = accounts.passwordHash(accountId).orElseThrow(() -> new NotFound("account"));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, hash)) {
            throw new Rejected("wrong_password", "That is not your current password.");
        }
        Passwords.check(newPassword);
        accounts.updatePasswordHash(accountId, passwordEncoder.encode(newPassword));
        for (MemberPrincipal membership : accounts.principalsOfAccount(accountId)) {
            events.publishEvent(new PasswordChanged(membership.workspaceId(), membership.memberId(),
                    membership.getUsername(), false));
        }
    }

    /**
     * Changes the account's sign-in email (the caller has asked for the current password)
     * and returns the membership as it now reads. The email is normalised (trimmed, lower
     * case) and must not be another account's.
     */
    @Transactional
    public MemberPrincipal changeEmail(MemberPrincipal me, String email) {
        NewAccount.checkEmail(email);
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        Optional<Accounts.StoredAccount> holder = accounts.findByEmail(normalised);
        if (holder.filter(account -> !account.id().equals(me.accountId())).isPresent()
                || !accounts.updateEmail(me.accountId(), normalised)) {
            throw new Rejected("email_not_accepted", "This email cannot be used. Choose another one.");
        }
        events.publishEvent(new EmailChanged(me.workspaceId(), me.memberId(), normalised));
        return membershipOf(me.accountId(), me.workspaceId()).orElseThrow();
    }

    /**
     * Whether the password is the account's current one (re-authentication before a
     * sensitive change).
     */
    @Transactional
    public boolean isCurrentPassword(AccountId accountId, String password) {
        String hash = accounts.passwordHash(accountId).orElseThrow(() -> new NotFound("account"));
        return password != null && password.length() <= 4 * Passwords.MAX_LENGTH
                && passwordEncoder.matches(password, hash);
    }

    /**
     * The account's oldest active membership that {@code admits}, with its password hash
     * for Spring Security to check: where a sign-in by email lands. Empty for an email no
     * account has, or whose memberships are refused.
     */
    @Transactional(readOnly = true)
    @CrossWorkspace("sign-in finds the member by email")
    public Optional<MemberPrincipal> landingByEmail(String email, Predicate<Member> admits) {
        return accounts.findPrincipalByEmail(normalise(email), admits);
    }

    /**
     * Every active membership of the account, oldest first (without the password hash).
     */
    @Transactional(readOnly = true)
    @CrossWorkspace("an account's memberships span workspaces")
    public List<MemberPrincipal> membershipsOf(AccountId accountId) {
        return accounts.principalsOfAccount(accountId);
    }

    /**
     * Every active membership of the account with this email, oldest first; empty when no
     * account has it.
     */
    @Transactional(readOnly = true)
    @CrossWorkspace("an email names an account, whose memberships span workspaces")
    public List<MemberPrincipal> membershipsByEmail(String email) {
        return accounts.findByEmail(normalise(email))
            .map(account -> accounts.principalsOfAccount(account.id()))
            .orElse(List.of());
    }

    /**
     * Stores a fresh hash of the password just verified, when the stored one was made by
     * an older scheme.
     */
    @Transactional
    @CrossWorkspace("a password belongs to the account, across its workspaces")
    public void upgradePasswordHash(AccountId accountId, String passwordHash) {
        accounts.updatePasswordHash(accountId, passwordHash);
    }

    @Transactional(readOnly = true)
    public Optional<Member> findMember(WorkspaceId workspaceId, MemberId memberId) {
        return accounts.findMember(workspaceId, memberId);
    }

    @Transactional(readOnly = true)
    public List<Member> listMembers(WorkspaceId workspaceId) {
        return accounts.listMembers(workspaceId);
    }

    private Member join(WorkspaceId workspaceId, Role role, NewAccount account, String passwordHash) {
        Instant now = Timestamps.now(clock);
        AccountId accountId = AccountId.random();
        MemberId memberId = MemberId.random();
        if (accounts.findByEmail(account.normalisedEmail()).isPresent()) {
            throw new Rejected("account_not_accepted", "This email cannot be used for a new account.");
        }
        accounts.insertAccount(accountId, account.normalisedEmail(), account.displayName().strip(), passwordHash, now);
        accounts.insertMember(memberId, workspaceId, accountId, role, now);
        return accounts.findMember(workspaceId, memberId).orElseThrow();
    }

    private static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static Rejected linkInvalid() {
        return new Rejected("link_invalid", "This link is not valid any more. Ask for a new one.");
    }

    /** What a person types to create their account. */
    public record NewAccount(String displayName, String email, String password) {

        String normalisedEmail() {
            return email.strip().toLowerCase(Locale.ROOT);
        }

        static void checkEmail(String email) {
            Text.requireWellFormed(email, "the email");
            if (email == null || email.strip().length() > 254 || !EMAIL.matcher(email.strip()).matches()) {
                throw new Rejected("bad_email", "That does not look like an email address.");
            }
        }

        void validate() {
            Text.requireWellFormed(displayName, "the name");
            if (displayName == null || displayName.isBlank() || displayName.strip().length() > MAX_NAME_LENGTH) {
                throw new Rejected("bad_name", "A name has 1 to " + MAX_NAME_LENGTH + " characters.");
            }
            checkEmail(email);
            Passwords.check(password);
        }
    }

}
