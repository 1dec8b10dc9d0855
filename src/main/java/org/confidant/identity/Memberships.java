package org.confidant.identity;

import java.time.Clock;

import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The changes to a membership that check no permission: changing a role, removing,
 * deactivating and reactivating a member. Only the {@code access} module may call them
 * (this is the identity module's named interface {@code membership}, and the module check
 * refuses any other caller), after it has authorised the change and before it audits it.
 * They keep the one invariant that is identity's own: a workspace always keeps an active
 * owner, even against a concurrent change.
 */
@Service
@NamedInterface("membership")
public class Memberships {

    private final Accounts accounts;

    private final Clock clock;

    Memberships(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Changes a member's role. The caller has checked that the change is allowed; this
     * keeps the invariant that the workspace has an owner, even against a concurrent
     * change.
     */
    @Transactional
    public Member changeRole(WorkspaceId workspaceId, MemberId memberId, Role role) {
        Member member = accounts.findMember(workspaceId, memberId).orElseThrow(() -> new NotFound("member"));
        if (member.role() == Role.OWNER && role != Role.OWNER) {
            requireAnotherOwner(workspaceId, memberId);
        }
        accounts.updateRole(workspaceId, memberId, role);
        return accounts.findMember(workspaceId, memberId).orElseThrow();
    }

    /**
     * Ends a membership (the caller has checked it may). The last owner cannot be
     * removed.
     */
    @Transactional
    public void removeMember(WorkspaceId workspaceId, MemberId memberId) {
        Member member = accounts.findMember(workspaceId, memberId).orElseThrow(() -> new NotFound("member"));
        if (member.role() == Role.OWNER) {
            requireAnotherOwner(workspaceId, memberId);
        }
        accounts.markRemoved(workspaceId, memberId, Timestamps.now(clock));
    }

    /**
     * Deactivates a current membership (the caller has checked it may): it keeps its role
     * and settings but can no longer be signed into. The last active owner cannot be
     * deactivated. Returns false, changing nothing, when it was deactivated already.
     */
    @Transactional
    public boolean deactivateMember(WorkspaceId workspaceId, MemberId memberId) {
        Member member = accounts.findMember(workspaceId, memberId).orElseThrow(() -> new NotFound("member"));
        if (!member.active()) {
            return false;
        }
        if (member.role() == Role.OWNER) {
            requireAnotherOwner(workspaceId, memberId);
        }
        return accounts.setDeactivated(workspaceId, memberId, Timestamps.now(clock));
    }

    /**
     * Reactivates a deactivated membership (the caller has checked it may), as it was
     * before. Returns false, changing nothing, when it was active.
     */
    @Transactional
    public boolean reactivateMember(WorkspaceId workspaceId, MemberId memberId) {
        Member member = accounts.findMember(workspaceId, memberId).orElseThrow(() -> new NotFound("member"));
        return !member.active() && accounts.setDeactivated(workspaceId, memberId, null);
    }

    private void requireAnotherOwner(WorkspaceId workspaceId, MemberId leaving) {
        if (accounts.otherOwnersLocked(workspaceId, leaving) == 0) {
            throw new Rejected("last_owner", "A workspace always keeps an owner: make another member owner first.");
        }
    }

}
