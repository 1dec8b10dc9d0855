package org.confidant.identity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.confidant.shared.AccountId;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.confidant.tenancy.CrossWorkspace;


/**
 * Loads the member behind a sign-in by email. Spring Security's form login compares the password (and spends the same
 * hashing time on unknown emails, so timing does not tell them apart), then asks here to store a fresh hash when the
 * stored one was made by an older scheme (bcrypt before Argon2id, see {@link Passwords}). A sign-in lands in the
 * account's oldest membership that a {@link PasswordSignInPolicy} lets in with a password; an account with none is
 * "not found", so the failure reads (and takes as long) as a wrong password. A passkey sign-in ({@link
 * PasskeyManagement}) lands by the same rule: a passkey is not the workspace's single sign-on either.
 */
@Component
class MemberSignIn implements UserDetailsService, UserDetailsPasswordService {

    private final Accounts accounts;
    private final List<PasswordSignInPolicy> policies;

    MemberSignIn(Accounts accounts, List<PasswordSignInPolicy> policies) {
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
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return accounts.findPrincipalByEmail(normalised, this::admitsPassword)
                .orElseThrow(() -> new UsernameNotFoundException("no such member"));
    }

    /** The account's oldest membership that every policy lets in without single sign-on (a passkey sign-in). */
    @Transactional(readOnly = true)
    @CrossWorkspace("a passkey names an account, not a workspace")
    public Optional<MemberPrincipal> landingOf(AccountId accountId) {
        return accounts.principalsOfAccount(accountId).stream().filter(member -> admitsPassword(member.member()))
                .findFirst();
    }

    @Override
    @Transactional
    @CrossWorkspace("sign-in finds the member by email")
    public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
        MemberPrincipal member = (MemberPrincipal) user;
        accounts.updatePasswordHash(member.accountId(), newPasswordHash);
        return accounts.findPrincipalByEmail(member.getUsername(), this::admitsPassword).orElseThrow();
    }
}
