package org.confidant.identity;

import java.util.UUID;

import org.confidant.identity.AccountManagement.NewAccount;
import org.confidant.workspace.Workspace;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationContext;

/** Builds workspaces and members for tests, through the product's own services. */
public final class IdentityTestSamples {

    public static final String PASSWORD = "correct horse battery staple";

    private IdentityTestSamples() {
    }

    /** A new workspace with one owner whose email is unique and whose password is {@link #PASSWORD}. */
    public static Member newWorkspaceWithOwner(ApplicationContext context) {
        Workspace workspace = context.getBean(WorkspaceManagement.class).create("Workspace " + shortId());
        return join(context, workspace, Role.OWNER, "Owner " + shortId());
    }

    /** A new agent of the owner's workspace (password {@link #PASSWORD}). */
    public static Member newAgent(ApplicationContext context, Member owner, String displayName) {
        Workspace workspace = context.getBean(WorkspaceManagement.class).find(owner.workspaceId()).orElseThrow();
        return join(context, workspace, Role.AGENT, displayName);
    }

    /** Makes the member's account an agent of another workspace too, as accepting an invitation with its password does. */
    public static Member joinAsAgent(ApplicationContext context, Member existing, Member ownerOfOther) {
        Workspace workspace = context.getBean(WorkspaceManagement.class).find(ownerOfOther.workspaceId())
                .orElseThrow();
        String token = context.getBean(AccountManagement.class).invite(workspace.id(), null, Role.AGENT);
        return context.getBean(AccountManagement.class).acceptInvitation(token,
                new NewAccount(existing.displayName(), existing.email(), PASSWORD));
    }

    private static Member join(ApplicationContext context, Workspace workspace, Role role, String displayName) {
        String token = context.getBean(AccountManagement.class).invite(workspace.id(), null, role);
        return context.getBean(AccountManagement.class).acceptInvitation(token,
                new NewAccount(displayName, "member-" + shortId() + "@example.com", PASSWORD));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
