package org.confidant.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.confidant.crypto.DeploymentEncryption;
import org.confidant.crypto.EncryptedColumn;
import org.confidant.identity.MemberPrincipal;
import org.confidant.shared.AccountId;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.shared.Tokens;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Second factors of accounts: a TOTP authenticator (RFC 6238: 30-second steps, one step
 * of clock drift either way, each code accepted once) and ten single-use recovery codes.
 * The TOTP secret is encrypted under the deployment key (an account spans workspaces);
 * recovery codes are kept as digests and shown once, and come with the authenticator.
 * Passkeys ({@link PasskeyManagement}) are second factors too: an account with one counts
 * as having a second factor. Re-authentication before a change is the caller's (the web
 * layer asks for the current password, throttled like sign-ins).
 */
@Service
public class SecondFactorManagement {

    static final EncryptedColumn TOTP_SECRET = new EncryptedColumn("totp_factor", "secret");
    static final int RECOVERY_CODES = 10;

    private static final String ISSUER = "Confidant";

    private static final String RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no
                                                                                        // l,
                                                                                        // o,
                                                                                        // 0,
                                                                                        // 1

    private static final int RECOVERY_CODE_LENGTH = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a person needs to add the account to an authenticator app. */
    public record TotpEnrolment(String secret, String uri, String qrCode) {
    }

    /** Whether the account has a TOTP factor, and how many recovery codes it has left. */
    public record Status(boolean totp, int recoveryCodesLeft) {
    }

    private final SecondFactors factors;

    private final PasskeyCredentials passkeys;

    private final DeploymentEncryption encryption;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final TotpCodes codes = new TotpCodes();

    SecondFactorManagement(SecondFactors factors, PasskeyCredentials passkeys, DeploymentEncryption encryption,
            ApplicationEventPublisher events, Clock clock) {
        this.factors = factors;
        this.passkeys = passkeys;
        this.encryption = encryption;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Status status(AccountId accountId) {
        boolean totp = factors.totp(accountId).filter(SecondFactors.StoredTotp::confirmed).isPresent();
        return new Status(totp, totp ? factors.unusedRecoveryCodes(accountId) : 0);
    }

    /** Whether the account has an authenticator app or a passkey. */
    @Transactional(readOnly = true)
    public boolean hasSecondFactor(AccountId accountId) {
        return status(accountId).totp() || passkeys.any(accountId);
    }

    /**
     * Starts an enrolment with a fresh secret (replacing an unfinished one); refused
     * while a factor is enrolled.
     */
    @Transactional
    public TotpEnrolment beginTotp(MemberPrincipal me) {
        byte[] secret = TotpCodes.newSecret();
        if (!factors.storeUnconfirmed(me.accountId(), encryption.encrypt(TOTP_SECRET, me.accountId(), secret),
                Timestamps.now(clock))) {
            throw new Rejected("already_enrolled", "You already have an authenticator. Remove it first.");
        }
        return enrolment(me, secret);
    }

    /** The enrolment under way, if one was begun and not confirmed yet. */
    @Transactional(readOnly = true)
    public Optional<TotpEnrolment> pendingTotp(MemberPrincipal me) {
        return factors.totp(me.accountId())
            .filter(totp -> !totp.confirmed())
            .map(totp -> enrolment(me, secretOf(me.accountId(), totp)));
    }

    /**
     * Finishes an enrolment with a first code from the app; returns the new recovery
     * codes, which are shown once and never again.
     */
    @Transactional
    public List<String> confirmTotp(MemberPrincipal me, String code) {
        SecondFactors.StoredTotp pending = factors.totp(me.accountId())
            .filter(totp -> !totp.confirmed())
            .orElseThrow(() -> new Rejected("no_enrolment", "Start again: set up an authenticator first."));
        if (!acceptTotp(me.accountId(), secretOf(me.accountId(), pending), code, true)) {
            throw new Rejected("wrong_code", "That code does not match. Type the code your app shows now.");
        }
        List<String> recoveryCodes = newRecoveryCodes(me.accountId());
        events.publishEvent(new SecondFactorChanged(me.workspaceId(), me.memberId(), me.getUsername(),
                SecondFactorChanged.Change.ENROLLED, SecondFactorChanged.TOTP));
        return recoveryCodes;
    }

    /**
     * The second step of a sign-in: a code from the authenticator (accepted once, for a
     * time step later than the last one accepted) or an unused recovery code (then used
     * up). Publishes the outcome.
     */
    @Transactional
    public boolean verify(MemberPrincipal me, String code) {
        Optional<SecondFactors.StoredTotp> totp = factors.totp(me.accountId())
            .filter(SecondFactors.StoredTotp::confirmed);
        boolean isTotpCode = TotpCodes.looksLikeCode(code);
        boolean passed = totp.isPresent() && (isTotpCode
                ? acceptTotp(me.accountId(), secretOf(me.accountId(), totp.get()), code, false)
                : normalisedRecoveryCode(code)
                    .filter(c -> factors.consumeRecoveryCode(me.accountId(), digest(me.accountId(), c),
                            Timestamps.now(clock)))
                    .isPresent());
        events.publishEvent(new SecondFactorChecked(me.workspaceId(), me.memberId(), me.getUsername(), passed,
                isTotpCode ? "totp" : "recovery_code"));
        return passed;
    }

    /** Removes the authenticator and the recovery codes. */
    @Transactional
    public void removeTotp(MemberPrincipal me) {
        if (!factors.removeTotp(me.accountId())) {
            throw new Rejected("not_enrolled", "You have no authenticator to remove.");
        }
        events.publishEvent(new SecondFactorChanged(me.workspaceId(), me.memberId(), me.getUsername(),
                SecondFactorChanged.Change.REMOVED, SecondFactorChanged.TOTP));
    }

    /** Replaces every recovery code by ten new ones, shown once. */
    @Transactional
    public List<String> regenerateRecoveryCodes(MemberPrincipal me) {
        if (!status(me.accountId()).totp()) {
            throw new Rejected("not_enrolled", "Recovery codes come with an authenticator: set one up first.");
        }
        List<String> recoveryCodes = newRecoveryCodes(me.accountId());
        events.publishEvent(new SecondFactorChanged(me.workspaceId(), me.memberId(), me.getUsername(),
                SecondFactorChanged.Change.RECOVERY_CODES_REGENERATED, ""));
        return recoveryCodes;
    }

    /**
     * Accepts the code of the current step or of the step before or after, once: only a
     * later step than the last.
     */
    private boolean acceptTotp(AccountId accountId, byte[] secret, String code, boolean enrolling) {
        if (!TotpCodes.looksLikeCode(code)) {
            return false;
        }
        Instant now = Timestamps.now(clock);
        long current = codes.stepAt(now);
        for (long step = current - 1; step <= current + 1; step++) {
            if (MessageDigest.isEqual(codes.codeAt(secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return factors.acceptStep(accountId, step, enrolling, now);
            }
        }
        return false;
    }

    private byte[] secretOf(AccountId accountId, SecondFactors.StoredTotp totp) {
        return encryption.decrypt(TOTP_SECRET, accountId, totp.secretCiphertext());
    }

    private TotpEnrolment enrolment(MemberPrincipal me, byte[] secret) {
        String uri = TotpCodes.otpauthUri(ISSUER, me.getUsername(), secret);
        return new TotpEnrolment(TotpCodes.base32(secret), uri, QrCodes.svgDataUri(uri));
    }

    private List<String> newRecoveryCodes(AccountId accountId) {
        List<String> shown = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder(RECOVERY_CODE_LENGTH);
            for (int c = 0; c < RECOVERY_CODE_LENGTH; c++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            shown.add(code.substring(0, 5) + "-" + code.substring(5));
            digests.add(digest(accountId, code.toString()));
        }
        factors.replaceRecoveryCodes(accountId, digests, Timestamps.now(clock));
        return shown;
    }

    /**
     * A recovery code as typed (any case, with or without its dash and spaces), or empty
     * if it cannot be one.
     */
    private static Optional<String> normalisedRecoveryCode(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String code = typed.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        return code.length() == RECOVERY_CODE_LENGTH && code.chars().allMatch(c -> RECOVERY_ALPHABET.indexOf(c) >= 0)
                ? Optional.of(code) : Optional.empty();
    }

    private static String digest(AccountId accountId, String code) {
        return Tokens.digest(accountId.value() + ":" + code);
    }

}
