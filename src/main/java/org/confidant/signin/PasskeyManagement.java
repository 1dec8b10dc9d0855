package org.confidant.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.MemberPrincipal;
import org.confidant.shared.AccountId;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.confidant.tenancy.CrossWorkspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passkeys (WebAuthn credentials) of accounts: adding and removing them, and the
 * ceremonies that use them, as a second factor after the password or as a whole sign-in.
 * Spring Security's relying-party operations ({@link PasskeyRelyingParty}, webauthn4j
 * underneath) make the options and verify every response: challenge, origin, relying
 * party id hash, signature, user presence and verification, backup flags, signature
 * counter. Nothing here checks a signature by itself.
 *
 * <p>
 * The options of a ceremony wait in the caller's session (the web layer's); their
 * challenge is also recorded in {@link PasskeyChallenges}, and a response goes on to
 * verification only after consuming it, in a statement of its own: a challenge signs in
 * once at most, whether the response is replayed later or submitted fifty times at once.
 *
 * <p>
 * Every refusal of a response looks alike to the caller (an unknown credential, another
 * account's, a bad signature, an account no workspace lets in without single sign-on): a
 * passwordless sign-in tells nobody which accounts exist.
 *
 * <p>
 * {@link org.confidant.signin.PasskeyManagement} keeps accounts' passkeys (WebAuthn):
 * added and removed on the two-factor page after the current password, used as the second
 * step after the password, as the enrolment a "2FA required" workspace asks for, or alone
 * for a passwordless sign-in (a discoverable credential with user verification is itself
 * multi-factor) that lands where a password would (so "SSO required" refuses it but for
 * the owners' break-glass). As decided, Spring Security's relying-party operations
 * ({@code Webauthn4JRelyingPartyOperations}, webauthn4j underneath) make the options and
 * verify every response, inside our own controllers, with our own repositories
 * ({@link org.confidant.signin.PasskeyUsers},
 * {@link org.confidant.signin.PasskeyCredentials}) over account-level tables; its
 * {@code http.webAuthn()} filters are not used (their principal and JSON answers do not
 * fit {@link org.confidant.identity.MemberPrincipal} and
 * {@link org.confidant.signin.SignInSteps}). Two refinements: the options wait in the
 * session while their challenge is also recorded in a single-use store
 * ({@link org.confidant.signin.PasskeyChallenges}, consumed by one conditional DELETE
 * before any verification); and the stored credential is handed to the library with the
 * counter of its last accepted assertion (Spring Security's own JDBC repository would
 * compare against the registration's), so that the library's counter check catches a
 * cloned authenticator. The relying party id and the one accepted origin come from
 * {@code confidant.public-url}, or are {@code
 * localhost} and the server's own port on a local trial
 * ({@link org.confidant.signin.PasskeyRelyingParty}).
 */
@Service
public class PasskeyManagement {

    /** The longest name a member may give a passkey. */
    public static final int MAX_LABEL_LENGTH = 64;
    static final String METHOD = SecondFactorChanged.PASSKEY;

    private static final Logger log = LoggerFactory.getLogger(PasskeyManagement.class);

    private static final String DEFAULT_LABEL = "Passkey";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** A passkey as its member sees it (times in UTC; never used: null). */
    public record Passkey(UUID id, String label, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {
    }

    private final PasskeyRelyingParty relyingParty;

    private final PasskeyCredentials credentials;

    private final PasskeyUsers users;

    private final PasskeyChallenges challenges;

    private final MemberSignIn signIn;

    private final AccountManagement accounts;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate transactions;

    private final Clock clock;

    PasskeyManagement(PasskeyRelyingParty relyingParty, PasskeyCredentials credentials, PasskeyUsers users,
            PasskeyChallenges challenges, MemberSignIn signIn, AccountManagement accounts,
            ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock) {
        this.relyingParty = relyingParty;
        this.credentials = credentials;
        this.users = users;
        this.challenges = challenges;
        this.signIn = signIn;
        this.accounts = accounts;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The account's passkeys, oldest first. */
    @Transactional(readOnly = true)
    public List<Passkey> list(AccountId accountId) {
        return credentials.list(accountId)
            .stream()
            .map(p -> new Passkey(p.id(), p.label(), utc(p.createdAt()), utc(p.lastUsedAt())))
            .toList();
    }

    @Transactional(readOnly = true)
    public boolean hasPasskey(AccountId accountId) {
        return credentials.any(accountId);
    }

    /**
     * Options for registering a new passkey of the member's account: a discoverable
     * credential with user verification, none of the account's passkeys again. The caller
     * has re-authenticated the member.
     */
    @Transactional
    public PublicKeyCredentialCreationOptions registrationOptions(MemberPrincipal me) {
        requireAvailable();
        users.userHandle(me.accountId(), now());
        PublicKeyCredentialCreationOptions options = relyingParty.operations()
            .createPublicKeyCredentialCreationOptions(
                    new ImmutablePublicKeyCredentialCreationOptionsRequest(asAccount(me.accountId())));
        issue(options.getChallenge(), options.getTimeout());
        return options;
    }

    /**
     * Registers the passkey the authenticator made for {@code options} (which must be
     * this member's, from their session) under the member's label, and publishes
     * {@link SecondFactorChanged}.
     * @throws Rejected when the label is not acceptable, or the response is refused (its
     * options are spent either way: the member starts again)
     */
    public void register(MemberPrincipal me, PublicKeyCredentialCreationOptions options, RelyingPartyPublicKey key) {
        String label = label(key.getLabel());
        Bytes handle = users.userHandle(me.accountId(), now());
        if (!handle.equals(options.getUser().getId()) || !challenges.consume(options.getChallenge(), now())) {
            throw refusedRegistration();
        }
        try {
            transactions.executeWithoutResult(status -> {
                relyingParty.operations()
                    .registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
                            new RelyingPartyPublicKey(key.getCredential(), label)));
                events.publishEvent(new SecondFactorChanged(me.workspaceId(), me.memberId(), me.getUsername(),
                        SecondFactorChanged.Change.ENROLLED, METHOD));
            });
        }
        catch (RuntimeException refused) {
            log.debug("passkey registration refused: {}", refused.toString());
            throw refusedRegistration();
        }
    }

    /** Removes one of the member's passkeys and publishes {@link SecondFactorChanged}. */
    @Transactional
    public void remove(MemberPrincipal me, UUID passkeyId) {
        if (!credentials.remove(me.accountId(), passkeyId)) {
            throw new Rejected("no_passkey", "You have no such passkey.");
        }
        events.publishEvent(new SecondFactorChanged(me.workspaceId(), me.memberId(), me.getUsername(),
                SecondFactorChanged.Change.REMOVED, METHOD));
    }

    /**
     * Options for a passwordless sign-in: any discoverable passkey of this relying party,
     * user verification.
     */
    @Transactional
    public PublicKeyCredentialRequestOptions signInOptions() {
        requireAvailable();
        return requestOptions(null);
    }

    /**
     * Options for the second step of a sign-in: one of the account's passkeys, user
     * verification.
     */
    @Transactional
    public PublicKeyCredentialRequestOptions secondFactorOptions(MemberPrincipal me) {
        requireAvailable();
        if (!credentials.any(me.accountId())) {
            throw new Rejected("no_passkey", "You have no passkey. Type a code from your app instead.");
        }
        return requestOptions(asAccount(me.accountId()));
    }

    /**
     * The second step of a sign-in: an assertion of one of the member's account's
     * passkeys for {@code options} (from the session). Publishes
     * {@link SecondFactorChecked}.
     */
    public boolean verifySecondFactor(MemberPrincipal me, PublicKeyCredentialRequestOptions options,
            PublicKeyCredential<AuthenticatorAssertionResponse> assertion) {
        boolean passed = authenticate(options, assertion,
                account -> Optional.of(account).filter(me.accountId()::equals))
            .isPresent();
        events.publishEvent(new SecondFactorChecked(me.workspaceId(), me.memberId(), me.getUsername(), passed, METHOD));
        return passed;
    }

    /**
     * A passwordless sign-in: the membership an assertion of a discoverable passkey signs
     * into, the account's oldest that no {@link PasswordSignInPolicy} refuses (a passkey
     * is not single sign-on), or empty. A refusal of a known passkey is recorded as
     * {@link SignInFailed} in each workspace of its account, as a wrong password is.
     */
    @CrossWorkspace("a passkey names an account, not a workspace")
    public Optional<MemberPrincipal> signIn(PublicKeyCredentialRequestOptions options,
            PublicKeyCredential<AuthenticatorAssertionResponse> assertion) {
        Optional<MemberPrincipal> member = authenticate(options, assertion, signIn::landingOf);
        if (member.isEmpty()) {
            credentials.accountOfCredential(assertion.getRawId())
                .map(accounts::membershipsOf)
                .orElse(List.of())
                .forEach(membership -> events.publishEvent(
                        new SignInFailed(membership.workspaceId(), membership.memberId(), "passkey_refused")));
        }
        return member;
    }

    /**
     * Consumes the options' challenge, then lets the library verify the assertion and, in
     * the same transaction, {@code accept} decide what the passkey's account signs into;
     * any refusal rolls the counter and last use back.
     */
    private <T> Optional<T> authenticate(PublicKeyCredentialRequestOptions options,
            PublicKeyCredential<AuthenticatorAssertionResponse> assertion, Function<AccountId, Optional<T>> accept) {
        if (!challenges.consume(options.getChallenge(), now())) {
            return Optional.empty();
        }
        try {
            return transactions.execute(status -> {
                PublicKeyCredentialUserEntity user = relyingParty.operations()
                    .authenticate(new RelyingPartyAuthenticationRequest(options, assertion));
                Bytes presented = assertion.getResponse().getUserHandle();
                // a discoverable sign-in names its user (WebAuthn §7.2 step 6); a named
                // one must name the same
                boolean handleFits = presented == null ? !options.getAllowCredentials().isEmpty()
                        : presented.equals(user.getId());
                Optional<T> accepted = handleFits ? users.accountOfHandle(user.getId()).flatMap(accept)
                        : Optional.empty();
                if (accepted.isEmpty()) {
                    throw new IllegalStateException("the passkey's account is not the one this ceremony admits");
                }
                return accepted;
            });
        }
        catch (RuntimeException refused) {
            log.debug("passkey assertion refused: {}", refused.toString());
            return Optional.empty();
        }
    }

    private PublicKeyCredentialRequestOptions requestOptions(Authentication account) {
        PublicKeyCredentialRequestOptions options = relyingParty.operations()
            .createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(account));
        issue(options.getChallenge(), options.getTimeout());
        return options;
    }

    private void issue(Bytes challenge, Duration timeout) {
        Instant now = now();
        challenges.issue(challenge, now, now.plus(timeout == null ? DEFAULT_TIMEOUT : timeout));
    }

    private void requireAvailable() {
        relyingParty.unavailable().ifPresent(reason -> {
            throw new Rejected("passkeys_unavailable", reason);
        });
    }

    /**
     * Spring Security's requests name a user by {@link Authentication#getName()}: here,
     * the account id.
     */
    private static Authentication asAccount(AccountId accountId) {
        return UsernamePasswordAuthenticationToken.authenticated(accountId.toString(), null, List.of());
    }

    /**
     * The member's name for a passkey: blank is "Passkey"; at most 64 characters, no
     * control or format ones.
     */
    static String label(String typed) {
        Text.requireWellFormed(typed, "the passkey's name");
        String label = typed == null ? "" : typed.strip();
        if (label.isEmpty()) {
            return DEFAULT_LABEL;
        }
        boolean clean = label.codePoints()
            .noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
        if (!clean || label.codePointCount(0, label.length()) > MAX_LABEL_LENGTH) {
            throw new Rejected("bad_label",
                    "Name the passkey in at most " + MAX_LABEL_LENGTH + " characters, without control characters.");
        }
        return label;
    }

    private static Rejected refusedRegistration() {
        return new Rejected("passkey_refused", "The passkey was not added. Start again.");
    }

    private Instant now() {
        return Timestamps.now(clock);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

}
