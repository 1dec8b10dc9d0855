package org.confidant.identity;

import java.util.Collection;
import java.util.List;

import org.confidant.shared.AccountId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.confidant.shared.WorkspaceScoped;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in member, as controllers and sockets receive it. Workspace and member ids
 * always come from here, never from a request. It deliberately carries no role:
 * permissions change while a session lasts, so they are read afresh (see the
 * {@code access} module).
 */
@NamedInterface("api")
public final class MemberPrincipal implements UserDetails, CredentialsContainer, WorkspaceScoped {

    /**
     * The authority of a fully signed-in member; what they may do is read from the access
     * module.
     */
    public static final String AUTHORITY = "ROLE_MEMBER";

    private static final GrantedAuthority MEMBER = new SimpleGrantedAuthority(AUTHORITY);

    private final Member member;

    private String passwordHash;

    MemberPrincipal(Member member, String passwordHash) {
        this.member = member;
        this.passwordHash = passwordHash;
    }

    /**
     * The membership as it read at sign-in (its role may have changed since: permissions
     * come from access).
     */
    public Member member() {
        return member;
    }

    @Override
    public WorkspaceId workspaceId() {
        return member.workspaceId();
    }

    public MemberId memberId() {
        return member.id();
    }

    public AccountId accountId() {
        return member.accountId();
    }

    public String displayName() {
        return member.displayName();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(MEMBER); // what the member may do is read from the access module
                                // on every request
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return member.email();
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemberPrincipal that && that.member.id().equals(member.id());
    }

    @Override
    public int hashCode() {
        return member.id().hashCode();
    }

    @Override
    public String toString() {
        return "MemberPrincipal[" + member.id() + "]";
    }

}
