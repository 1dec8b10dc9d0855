package org.confidant.signin;

import java.util.List;
import java.util.Optional;

import org.confidant.shared.AccountId;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.MemberPrincipal;
import org.confidant.tenancy.CrossWorkspace;

/**
 * Loads the member behind a sign-in by email. Spring Security's form login compares the
 * password (and spends the same hashing time on unknown emails, so timing does not tell
 * them apart), then asks here to store a fresh hash when the stored one was made by an
 * older scheme (bcrypt before Argon2id, see {@link Passwords}). A sign-in lands in the
 * account's oldest membership that a {@link PasswordSignInPolicy} lets in with a
 * password; an account with none is "not found", so the failure reads (and takes as long)
 * as a wrong password. A passkey sign-in ({@link PasskeyManagement}) lands by the same
 * rule: a passkey is not the workspace's single sign-on either.
 */
@Component
public class MemberSignIn implements UserDetailsService, UserDetailsPasswordService {

    private final AccountManagement accounts;

    private final List<PasswordSignInPolicy> policies;

    MemberSignIn(AccountManagement accounts, List<PasswordSignInPolicy> policies) {
        this.accounts = accounts;
        this.policies = policies;
    }

    private boolean admitsPassword(Member member) {
        return policies.stream().allMatch(p -> p.requiredSignIn(member.workspaceId(), member.role()).isEmpty());
    }

    @Override
    @Transactional(readOnly = true)
    @CrossWorkspace("sign-in finds the member by email")
    public UserDetails loadUserByUsername(String email) {
        return accounts.landingByEmail(email, this::admitsPassword)
            .orElseThrow(() -> new UsernameNotFoundException("no such member"));
    }

    /**
     * The account's oldest membership that every policy lets in without single sign-on (a
     * passkey sign-in).
     */
    @Transactional(readOnly = true)
    @CrossWorkspace("a passkey names an account, not a workspace")
    public Optional<MemberPrincipal> landingOf(AccountId accountId) {
        return accounts.membershipsOf(accountId).stream().filter(member -> admitsPassword(member.member())).findFirst();
    }

    /**
     * Where the account must sign in to enter this membership, when a session signed in
     * otherwise (a password, another workspace's provider) may not simply switch to it;
     * empty when switching is enough.
     */
    @Transactional(readOnly = true)
    public Optional<String> requiredSignIn(MemberPrincipal membership) {
        Member member = membership.member();
        return policies.stream()
            .flatMap(p -> p.requiredSignIn(member.workspaceId(), member.role()).stream())
            .findFirst();
    }

    @Override
    @Transactional
    @CrossWorkspace("sign-in finds the member by email")
    public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
        MemberPrincipal member = (MemberPrincipal) user;
        accounts.upgradePasswordHash(member.accountId(), newPasswordHash);
        return accounts.landingByEmail(member.getUsername(), this::admitsPassword).orElseThrow();
    }

}
