package org.confidant.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.Memberships;
import org.confidant.identity.Role;
import org.confidant.shared.Forbidden;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.confidant.signin.MemberSessions;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The access module's public API: a member's current {@link Grants}, and the changes to
 * them. Every change is checked here, first line: the actor holds
 * {@link Permission#MEMBERS_MANAGE}; the target is a member of the actor's workspace
 * (else 404); nobody changes their own access (except an owner handing over ownership,
 * and anyone leaving); nobody manages a member who holds a permission they lack, or
 * grants one; only owners make or unmake owners. Each change publishes
 * {@link AccessChanged} (for open sockets) and an audited past-tense event (for the audit
 * log): {@link MemberInvited}, {@link InvitationRevoked}, {@link MemberRoleChanged},
 * {@link MemberOverridesChanged}, {@link MemberScopeChanged},
 * {@link MemberInboxesChanged}, {@link MemberRemoved}, {@link MemberDeactivated},
 * {@link MemberReactivated}, {@link OwnershipTransferred}.
 */
@NamedInterface("api")
@Service
public class AccessManagement {

    private final AccessRules rules;

    private final AccountManagement accounts;

    private final Memberships memberships;

    private final ApplicationEventPublisher events;

    private final MemberSessions sessions;

    private final WorkspaceManagement workspaces;

    AccessManagement(AccessRules rules, AccountManagement accounts, Memberships memberships,
            ApplicationEventPublisher events, MemberSessions sessions, WorkspaceManagement workspaces) {
        this.workspaces = workspaces;
        this.rules = rules;
        this.accounts = accounts;
        this.memberships = memberships;
        this.events = events;
        this.sessions = sessions;
    }

    /**
     * The member's grants as of now, or empty when they are not (or no longer) a member
     * of the workspace, or are deactivated. In a cancelled workspace a member holds no
     * permission and reads no conversation: nothing in it can be seen or changed until an
     * owner restores it (the lifecycle module's pages offer that to owners).
     */
    @Transactional(readOnly = true)
    public Optional<Grants> grants(WorkspaceId workspaceId, MemberId memberId) {
        Optional<Grants> grants = accounts.findMember(workspaceId, memberId).filter(Member::active).map(this::grantsOf);
        if (grants.isPresent() && workspaces.cancelled(workspaceId)) {
            Grants none = grants.get();
            return Optional
                .of(new Grants(none.workspaceId(), none.memberId(), none.role(), Set.of(), none.scope(), Set.of()));
        }
        return grants;
    }

    /**
     * Every member of the viewer's workspace, with their access. Any member may see who
     * their colleagues are.
     */
    @Transactional(readOnly = true)
    public List<MemberAccess> listMembers(Grants viewer) {
        return accounts.listMembers(viewer.workspaceId()).stream().map(this::access).toList();
    }

    @Transactional(readOnly = true)
    public MemberAccess member(Grants viewer, MemberId memberId) {
        return access(memberOf(viewer, memberId));
    }

    /** A single-use invitation that makes its redeemer a member with {@code role}. */
    @Transactional
    public String invite(Grants actor, Role role) {
        actor.require(Permission.MEMBERS_MANAGE);
        requireMayGive(actor, role);
        AccountManagement.IssuedInvitation invitation = accounts.invite(actor.workspaceId(), actor.memberId(), role);
        events.publishEvent(new MemberInvited(actor.workspaceId(), actor.memberId(), role, invitation.id()));
        return invitation.token();
    }

    /**
     * An invitation that still works, as the members page lists it: who issued it by name
     * (empty if that membership was deleted), when it expires (UTC).
     */
    public record PendingInvitation(UUID id, Role role, String invitedBy, OffsetDateTime expiresAt) {
    }

    /** The workspace's invitations that still work, for those who may invite. */
    @Transactional(readOnly = true)
    public List<PendingInvitation> pendingInvitations(Grants viewer) {
        viewer.require(Permission.MEMBERS_MANAGE);
        Map<MemberId, String> names = accounts.listMembers(viewer.workspaceId())
            .stream()
            .collect(Collectors.toMap(Member::id, Member::displayName));
        return accounts.pendingInvitations(viewer.workspaceId())
            .stream()
            .map(i -> new PendingInvitation(i.id(), i.role(),
                    i.invitedBy() == null ? "" : names.getOrDefault(i.invitedBy(), ""),
                    i.expiresAt().atOffset(ZoneOffset.UTC)))
            .toList();
    }

    /**
     * Revokes an invitation that still works: its link then grants nothing. Another
     * workspace's, used, revoked or expired invitation is not found. Announced as
     * {@link InvitationRevoked}.
     */
    @Transactional
    public void revokeInvitation(Grants actor, UUID invitationId) {
        if (accounts.pendingInvitations(actor.workspaceId())
            .stream()
            .noneMatch(invitation -> invitation.id().equals(invitationId))) {
            throw new NotFound("invitation");
        }
        actor.require(Permission.MEMBERS_MANAGE);
        accounts.revokeInvitation(actor.workspaceId(), invitationId);
        events.publishEvent(new InvitationRevoked(actor.workspaceId(), actor.memberId(), invitationId));
    }

    @Transactional
    public void changeRole(Grants actor, MemberId target, Role role) {
        Member member = manageable(actor, target);
        requireMayGive(actor, role);
        memberships.changeRole(actor.workspaceId(), member.id(), role);
        changed(actor.workspaceId(), member.id());
        events.publishEvent(new MemberRoleChanged(actor.workspaceId(), actor.memberId(), member.id(), role));
    }

    /**
     * Makes {@code target} an owner and the actor, an owner, an admin: one step, so the
     * workspace is never ownerless.
     */
    @Transactional
    public void transferOwnership(Grants actor, MemberId target) {
        Member member = memberOf(actor, target);
        if (actor.role() != Role.OWNER) {
            throw new Forbidden("Only an owner can hand over ownership.");
        }
        if (member.id().equals(actor.memberId())) {
            throw new Rejected("own_access", "Choose another member to hand ownership to.");
        }
        memberships.changeRole(actor.workspaceId(), member.id(), Role.OWNER);
        memberships.changeRole(actor.workspaceId(), actor.memberId(), Role.ADMIN);
        changed(actor.workspaceId(), member.id());
        changed(actor.workspaceId(), actor.memberId());
        events.publishEvent(new OwnershipTransferred(actor.workspaceId(), actor.memberId(), member.id()));
    }

    /**
     * Grants ({@code true}) or revokes ({@code false}) one permission on top of the role;
     * null returns to the role's.
     */
    @Transactional
    public void setOverride(Grants actor, MemberId target, Permission permission, Boolean granted) {
        Member member = manageable(actor, target);
        if (Boolean.TRUE.equals(granted)) {
            actor.require(permission); // nobody grants what they do not hold
        }
        rules.setOverride(actor.workspaceId(), member.id(), permission, granted);
        changed(actor.workspaceId(), member.id());
        events.publishEvent(new MemberOverridesChanged(actor.workspaceId(), actor.memberId(), member.id(), permission,
                granted == null ? "role" : granted ? "grant" : "revoke"));
    }

    @Transactional
    public void setScope(Grants actor, MemberId target, ConversationScope scope) {
        Member member = manageable(actor, target);
        rules.setScope(actor.workspaceId(), member.id(), scope);
        changed(actor.workspaceId(), member.id());
        events.publishEvent(new MemberScopeChanged(actor.workspaceId(), actor.memberId(), member.id(), scope));
    }

    /** The members of an inbox of the workspace. */
    @Transactional(readOnly = true)
    public Set<MemberId> inboxMembers(WorkspaceId workspaceId, InboxId inboxId) {
        return rules.membersOf(workspaceId, inboxId);
    }

    /**
     * Makes exactly {@code members} the members of the inbox. The caller has checked that
     * the inbox is one of the actor's workspace. A member whose membership would change
     * must be one the actor may manage; the actor may add themselves only when they read
     * every inbox anyway.
     */
    @Transactional
    public void setInboxMembers(Grants actor, InboxId inboxId, Set<MemberId> members) {
        actor.require(Permission.MEMBERS_MANAGE);
        Set<MemberId> before = rules.membersOf(actor.workspaceId(), inboxId);
        Set<MemberId> touched = new HashSet<>(members);
        touched.addAll(before);
        touched.removeIf(id -> members.contains(id) == before.contains(id));
        for (MemberId id : touched) {
            if (!(id.equals(actor.memberId()) && actor.visibility() == Visibility.ALL)) {
                manageable(actor, id);
            }
        }
        for (MemberId id : touched) {
            if (members.contains(id)) {
                rules.addToInbox(actor.workspaceId(), inboxId, id);
            }
            else {
                rules.removeFromInbox(actor.workspaceId(), inboxId, id);
            }
            changed(actor.workspaceId(), id);
            events.publishEvent(
                    new MemberInboxesChanged(actor.workspaceId(), actor.memberId(), id, inboxId, members.contains(id)));
        }
    }

    /**
     * Ends every dashboard session of a member the actor may manage; returns how many
     * ended.
     */
    public int endSessions(Grants actor, MemberId target) {
        Member member = manageable(actor, target);
        return sessions.endAll(actor.workspaceId(), member.id(), actor.memberId());
    }

    /**
     * Ends a membership: the actor's own (leaving, where the caller signs the session
     * out), or one they may manage, whose sessions end at once. The last owner can do
     * neither.
     */
    @Transactional
    public void remove(Grants actor, MemberId target) {
        boolean leaving = target.equals(actor.memberId());
        Member member = leaving ? memberOf(actor, target) : manageable(actor, target);
        memberships.removeMember(actor.workspaceId(), member.id());
        rules.forget(actor.workspaceId(), member.id());
        ended(actor.workspaceId(), member.id(), AccessChanged.Ending.REMOVED);
        events.publishEvent(new MemberRemoved(actor.workspaceId(), actor.memberId(), member.id()));
        if (!leaving) {
            endSessionsAfterCommit(actor, member.id());
        }
    }

    /**
     * Deactivates a member the actor may manage: the membership keeps its role,
     * overrides, scope and inboxes, but grants nothing until it is reactivated. Every
     * session of the member ends, their open sockets close and their API tokens are
     * revoked; they cannot sign in to the workspace. The last active owner cannot be
     * deactivated. Deactivating a deactivated member changes nothing.
     */
    @Transactional
    public void deactivate(Grants actor, MemberId target) {
        Member member = manageable(actor, target);
        if (!memberships.deactivateMember(actor.workspaceId(), member.id())) {
            return; // deactivated already (a second click)
        }
        ended(actor.workspaceId(), member.id(), AccessChanged.Ending.DEACTIVATED);
        events.publishEvent(new MemberDeactivated(actor.workspaceId(), actor.memberId(), member.id()));
        endSessionsAfterCommit(actor, member.id());
    }

    /**
     * Reactivates a deactivated member the actor may manage, with the access they had;
     * their API tokens stay revoked. Reactivating an active member changes nothing.
     */
    @Transactional
    public void reactivate(Grants actor, MemberId target) {
        Member member = manageable(actor, target);
        if (!memberships.reactivateMember(actor.workspaceId(), member.id())) {
            return; // active already
        }
        changed(actor.workspaceId(), member.id());
        events.publishEvent(new MemberReactivated(actor.workspaceId(), actor.memberId(), member.id()));
    }

    private Grants grantsOf(Member member) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(Permission.ofRole(member.role()));
        Map<Permission, Boolean> overrides = rules.overrides(member.workspaceId(), member.id());
        overrides.forEach((permission, granted) -> {
            if (granted) {
                permissions.add(permission);
            }
            else {
                permissions.remove(permission);
            }
        });
        return new Grants(member.workspaceId(), member.id(), member.role(), permissions,
                rules.scope(member.workspaceId(), member.id()), rules.inboxesOf(member.workspaceId(), member.id()));
    }

    private MemberAccess access(Member member) {
        Grants grants = grantsOf(member);
        return new MemberAccess(member, grants.permissions(), rules.overrides(member.workspaceId(), member.id()),
                grants.scope(), grants.visibility());
    }

    private Member memberOf(Grants viewer, MemberId memberId) {
        return accounts.findMember(viewer.workspaceId(), memberId).orElseThrow(() -> new NotFound("member"));
    }

    /**
     * The target, if the actor may change their access; an id outside the workspace is
     * not found, whoever asks.
     */
    private Member manageable(Grants actor, MemberId target) {
        Member member = memberOf(actor, target);
        actor.require(Permission.MEMBERS_MANAGE);
        if (member.id().equals(actor.memberId())) {
            throw new Rejected("own_access", "Nobody changes their own access: ask another admin or owner.");
        }
        if (member.role() == Role.OWNER && actor.role() != Role.OWNER) {
            throw new Forbidden("Only owners change an owner's access.");
        }
        if (!actor.permissions().containsAll(grantsOf(member).permissions())) {
            throw new Forbidden("This member holds permissions you do not; ask an owner.");
        }
        return member;
    }

    private static void requireMayGive(Grants actor, Role role) {
        if (!actor.mayGive(role)) {
            throw new Forbidden("You cannot give the role " + role.name().toLowerCase(Locale.ROOT)
                    + ": only owners make owners, and nobody gives permissions they do not hold.");
        }
    }

    /**
     * Ends the member's sessions once the change has committed, after the listeners of
     * its {@link AccessChanged} have closed their sockets with "membership ended": those
     * run at the transaction's completion too, in the order they were registered, which
     * is before this.
     */
    private void endSessionsAfterCommit(Grants actor, MemberId memberId) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    sessions.endAll(actor.workspaceId(), memberId, actor.memberId());
                }
            }
        });
    }

    private void changed(WorkspaceId workspaceId, MemberId memberId) {
        events.publishEvent(new AccessChanged(workspaceId, memberId, null));
    }

    private void ended(WorkspaceId workspaceId, MemberId memberId, AccessChanged.Ending ending) {
        events.publishEvent(new AccessChanged(workspaceId, memberId, ending));
    }

    /** A member as the members page shows them. */
    public record MemberAccess(Member member, Set<Permission> permissions, Map<Permission, Boolean> overrides,
            ConversationScope scope, Visibility visibility) {
    }

}
