package org.confidant;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.api.ApiTokenManagement;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.AccountManagement.NewAccount;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.workspace.Workspace;
import org.confidant.workspace.WorkspaceManagement;

/**
 * Builds what tests need (workspaces, members, inboxes, API tokens) through the product's
 * own services, as a person would through the pages. Every workspace and email is new, so
 * tests sharing an application never meet.
 */
public final class Fixtures {

    /** Every test member's password. */
    public static final String PASSWORD = "correct horse battery staple";

    /**
     * The host page's origin that live test inboxes allow and test visitors report in
     * their hello.
     */
    public static final String HOST = "https://shop.example";

    private final WorkspaceManagement workspaces;

    private final AccountManagement accounts;

    private final AccessManagement access;

    private final InboxManagement inboxes;

    private final ApiTokenManagement tokens;

    Fixtures(WorkspaceManagement workspaces, AccountManagement accounts, AccessManagement access,
            InboxManagement inboxes, ApiTokenManagement tokens) {
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.access = access;
        this.inboxes = inboxes;
        this.tokens = tokens;
    }

    /**
     * A new workspace with one owner whose email is unique and whose password is
     * {@link #PASSWORD}.
     */
    public Member workspaceWithOwner() {
        Workspace workspace = workspaces.create("Workspace " + shortId());
        return join(workspace, Role.OWNER, "Owner " + shortId());
    }

    /** A new agent of the owner's workspace (password {@link #PASSWORD}). */
    public Member agent(Member owner, String displayName) {
        return join(workspaces.find(owner.workspaceId()).orElseThrow(), Role.AGENT, displayName);
    }

    /**
     * Makes the member's account an agent of another workspace too, as accepting an
     * invitation with its password does.
     */
    public Member joinAsAgent(Member existing, Member ownerOfOther) {
        String token = accounts.invite(ownerOfOther.workspaceId(), null, Role.AGENT).token();
        return accounts.acceptInvitation(token, new NewAccount(existing.displayName(), existing.email(), PASSWORD));
    }

    /** The member's current grants, as controllers get them. */
    public Grants grants(Member member) {
        return access.grants(member.workspaceId(), member.id()).orElseThrow();
    }

    /** Adds members to an inbox, as the given owner does on the inbox's members page. */
    public void joinInbox(Member owner, InboxId inbox, Member... members) {
        Set<MemberId> chosen = new HashSet<>(access.inboxMembers(owner.workspaceId(), inbox));
        Arrays.stream(members).map(Member::id).forEach(chosen::add);
        inboxes.setMembers(grants(owner), inbox, chosen);
    }

    /** A new inbox of the owner's workspace, live on {@link #HOST}. */
    public Inbox liveInbox(Member owner, String name) {
        Inbox inbox = inboxes.create(grants(owner), name);
        inboxes.setAllowedDomains(grants(owner), inbox.id(), HOST);
        return inbox;
    }

    /**
     * An API token of the member holding every one of the given permissions (which the
     * member must hold).
     */
    public ApiTokenManagement.NewToken apiToken(Member member, Permission... permissions) {
        Set<String> keys = Arrays.stream(permissions).map(Permission::key).collect(Collectors.toSet());
        return tokens.create(grants(member), "test token", keys, null);
    }

    /** An API token with every permission the member holds. */
    public ApiTokenManagement.NewToken apiTokenWithAllOf(Member member) {
        return apiToken(member, grants(member).permissions().toArray(Permission[]::new));
    }

    private Member join(Workspace workspace, Role role, String displayName) {
        String token = accounts.invite(workspace.id(), null, role).token();
        return accounts.acceptInvitation(token,
                new NewAccount(displayName, "member-" + shortId() + "@example.com", PASSWORD));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

}
