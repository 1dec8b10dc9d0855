package org.confidant.sso;

import java.time.Clock;
import java.util.Optional;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.AccountManagement.JustInTimeMembership;
import org.confidant.identity.MemberPrincipal;
import org.confidant.shared.AccountId;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.tenancy.Tenancy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns an ID token Spring Security has verified (signature, issuer, audience, expiry,
 * nonce) into the membership it signs into: the identity's account, found by
 * {@code (issuer, subject)} alone, in the workspace of the provider it came through. A
 * first sign-in creates the account (with the provider's verified email) and the
 * membership (with the provider's default role); everything of one sign-in is one
 * transaction, so a refused one leaves nothing behind.
 */
@Service
class SsoSignIn {

    /** Error codes of refused sign-ins, as the login page and the audit log name them. */
    static final String EMAIL_TAKEN = "email_taken";
    static final String EMAIL_UNVERIFIED = "email_unverified";
    static final String BAD_EMAIL = "bad_email";
    static final String MEMBERSHIP_ENDED = "membership_ended";
    static final String NO_PROVIDER = "no_provider";

    private static final String ACROSS_WORKSPACES = "a sign-in names its provider by id alone";

    private final SsoProviders providers;

    private final AccountManagement accounts;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    SsoSignIn(SsoProviders providers, AccountManagement accounts, ApplicationEventPublisher events, Clock clock) {
        this.providers = providers;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A sign-in arrives with its provider's id alone, so it starts across workspaces (see
     * {@code tenancy}).
     */
    @Transactional
    MemberPrincipal signIn(String registrationId, OidcIdToken idToken) {
        return Tenancy.system(ACROSS_WORKSPACES, () -> signInWithProvider(registrationId, idToken));
    }

    private MemberPrincipal signInWithProvider(String registrationId, OidcIdToken idToken) {
        SsoProvider provider = SsoClientRegistrations.providerId(registrationId)
            .flatMap(providers::provider)
            .orElseThrow(() -> refused(NO_PROVIDER));
        String issuer = idToken.getIssuer().toString();
        String subject = idToken.getSubject();
        Optional<AccountId> known = providers.accountOfIdentity(issuer, subject);
        AccountId accountId = known.orElseGet(() -> {
            if (!Boolean.TRUE.equals(idToken.getEmailVerified()) || idToken.getEmail() == null) {
                throw refused(EMAIL_UNVERIFIED);
            }
            AccountId created;
            try {
                created = accounts.createExternalAccount(idToken.getFullName(), idToken.getEmail());
            }
            catch (Rejected rejected) {
                throw refused(EMAIL_TAKEN.equals(rejected.code()) ? EMAIL_TAKEN : BAD_EMAIL);
            }
            providers.insertIdentity(issuer, subject, created, Timestamps.now(clock));
            return created;
        });
        JustInTimeMembership membership = accounts
            .joinJustInTime(accountId, provider.workspaceId(), provider.defaultRole())
            .orElseThrow(() -> refused(MEMBERSHIP_ENDED));
        if (membership.joined()) {
            events.publishEvent(new MemberJoinedBySso(provider.workspaceId(), membership.member().id(),
                    membership.member().email(), membership.member().role()));
        }
        events.publishEvent(new SsoSignInSucceeded(provider.workspaceId(), membership.member().id(),
                membership.member().email(), provider.id()));
        return accounts.membershipOf(accountId, provider.workspaceId()).orElseThrow();
    }

    /**
     * Records a refused sign-in in the log of the provider's workspace (nothing when the
     * id names no provider).
     */
    @Transactional
    void recordFailure(String registrationId, String reason) {
        Tenancy.system(ACROSS_WORKSPACES,
                () -> SsoClientRegistrations.providerId(registrationId)
                    .flatMap(providers::provider)
                    .ifPresent(provider -> events
                        .publishEvent(new SsoSignInFailed(provider.workspaceId(), provider.id(), reason))));
    }

    private static OAuth2AuthenticationException refused(String code) {
        return new OAuth2AuthenticationException(new OAuth2Error(code));
    }

}
