package org.confidant.lifecycle;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.confidant.access.Grants;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.TypedConfirmation;
import org.confidant.shared.WorkspaceId;
import org.confidant.signin.SignInThrottle;
import org.confidant.workspace.Cancellation;
import org.confidant.workspace.Workspace;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Cancelling a workspace: only an owner, with their current password again and the
 * workspace's name typed. At once every session and socket of the workspace ends, its API
 * tokens are revoked, its widget stops on every site and no member can see anything in it
 * (the workspace module's {@code WorkspaceCancelled}); an owner may undo it during the
 * grace period ({@code confidant.lifecycle.cancellation-grace}, 30 days by default, at
 * most 90), after which {@link CancellationSweeper} shreds it. Owners are emailed at the
 * cancellation and again shortly before the end.
 */
@NamedInterface("api")
@Service
public class CancellationManagement {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final WorkspaceManagement workspaces;

    private final AccountManagement accounts;

    private final SignInThrottle throttle;

    private final OwnerMail mail;

    private final LifecycleSettings settings;

    CancellationManagement(WorkspaceManagement workspaces, AccountManagement accounts, SignInThrottle throttle,
            OwnerMail mail, LifecycleSettings settings) {
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.throttle = throttle;
        this.mail = mail;
        this.settings = settings;
    }

    /** The workspace's cancellation, if it is cancelled. */
    public Optional<Cancellation> cancellation(WorkspaceId workspaceId) {
        return workspaces.cancellation(workspaceId);
    }

    /** The phrase that confirms the cancellation: the workspace's name. */
    public String phrase(Grants actor) {
        return workspaces.find(actor.workspaceId()).map(Workspace::name).orElseThrow(() -> new NotFound("workspace"));
    }

    /**
     * Cancels the actor's workspace.
     * @throws Forbidden unless the actor is an owner
     * @throws Rejected {@code wrong_password} (counted by the sign-in throttle),
     * {@code confirmation_mismatch}, {@code workspace_cancelled}
     * @throws org.confidant.shared.RateLimited while the account or address must wait
     */
    @Transactional
    public Cancellation cancel(Grants actor, String password, String confirmation, String address) {
        Member owner = owner(actor);
        throttle.verify(SignInThrottle.Attempt.PASSWORD, owner.email(), address, () -> {
            if (password == null || !accounts.isCurrentPassword(owner.accountId(), password)) {
                throw new Rejected("wrong_password", "That is not your current password.");
            }
            return true;
        });
        Workspace workspace = workspaces.find(actor.workspaceId()).orElseThrow(() -> new NotFound("workspace"));
        TypedConfirmation.require(workspace.name(), confirmation);
        Cancellation cancellation = workspaces.cancel(actor.workspaceId(), actor.memberId(),
                settings.cancellationGrace());
        List<String> owners = owners(actor.workspaceId());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                mail.send(owners, "Your Confidant workspace " + workspace.name() + " was cancelled", """
                        The Confidant workspace "%s" was cancelled on %s by %s.

                        Nobody can see anything in it any more: its sessions ended, its API tokens were revoked and
                        its chat widget stopped on every website. An owner can undo this until %s by signing in.
                        After that, its keys are destroyed and everything in it is deleted, for good: no backup can
                        bring it back.
                        """.formatted(workspace.name(), DAY.format(cancellation.at()), owner.email(),
                        DAY.format(cancellation.shredAfter())));
            }
        });
        return cancellation;
    }

    /**
     * Undoes the cancellation of the actor's workspace.
     * @throws Forbidden unless the actor is an owner
     * @throws Rejected {@code not_cancelled} when it is not cancelled or too late
     */
    @Transactional
    public void restore(Grants actor) {
        owner(actor);
        workspaces.restore(actor.workspaceId(), actor.memberId());
    }

    /** The emails of the workspace's active owners. */
    List<String> owners(WorkspaceId workspaceId) {
        return accounts.listMembers(workspaceId)
            .stream()
            .filter(m -> m.role() == Role.OWNER && m.active())
            .map(Member::email)
            .toList();
    }

    private Member owner(Grants actor) {
        if (actor.role() != Role.OWNER) {
            throw new Forbidden("Only an owner can cancel or restore the workspace.");
        }
        return accounts.findMember(actor.workspaceId(), actor.memberId()).orElseThrow(() -> new NotFound("member"));
    }

}
