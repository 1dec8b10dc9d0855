package org.confidant.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.confidant.ratelimit.RateLimit;
import org.confidant.ratelimit.RateLimits;
import org.confidant.shared.AccountId;
import org.confidant.shared.RateLimited;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.shared.Tokens;
import org.confidant.system.PublicUrl;
import org.confidant.tenancy.CrossWorkspace;
import org.confidant.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.confidant.egress.Egress;
import org.confidant.egress.Flow;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Forgot your password?": a single-use link by email that sets a new password.
 *
 * <p>
 * <b>No oracle.</b> A request answers the same, and as fast, whatever the email: looking
 * the account up, issuing the link and sending the email happen afterwards, on another
 * thread. An email no account has gets nothing; an account gets at most
 * {@link RateLimit#PASSWORD_RESETS_PER_ACCOUNT} emails (further requests are dropped,
 * silently), and an address at most {@link RateLimit#PASSWORD_RESETS_PER_ADDRESS}
 * requests (429, whatever the emails). Each request for an account is recorded in every
 * workspace it belongs to ({@code password.reset_requested}, with the address it came
 * from), so its owners see someone trying.
 *
 * <p>
 * <b>The link</b> carries a 256-bit token of which only the digest is stored; it works
 * once (one conditional UPDATE), for {@link PasswordResetSettings#linkLifetime()}, and a
 * newer link voids the older ones. It is built on {@link PublicUrl}, never on the
 * request's {@code Host}. Setting a new password through it ends every session and API
 * token of the account ({@link PasswordChanged}, {@code via: reset_link}); it does not
 * skip a second factor, which the next sign-in still asks for.
 */
@Service
public class PasswordReset {

    private static final Logger log = LoggerFactory.getLogger(PasswordReset.class);

    private final Accounts accounts;

    private final PasswordResets links;

    private final Egress egress;

    private final WorkspaceManagement workspaces;

    private final PasswordEncoder passwordEncoder;

    private final ApplicationEventPublisher events;

    private final RateLimits rateLimits;

    private final PasswordResetSettings settings;

    private final PublicUrl publicUrl;

    private final TaskExecutor executor;

    private final Clock clock;

    PasswordReset(Accounts accounts, PasswordResets links, Egress egress, WorkspaceManagement workspaces,
            PasswordEncoder passwordEncoder, ApplicationEventPublisher events, RateLimits rateLimits,
            PasswordResetSettings settings, PublicUrl publicUrl,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor, Clock clock) {
        this.accounts = accounts;
        this.links = links;
        this.egress = egress;
        this.workspaces = workspaces;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.rateLimits = rateLimits;
        this.settings = settings;
        this.publicUrl = publicUrl;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Whether reset links can be sent: an SMTP server is configured
     * ({@code spring.mail.host}).
     */
    public boolean available() {
        return egress.mailAvailable();
    }

    /**
     * Asks for a reset link for {@code email} on behalf of a request from
     * {@code address}; what happens next is not told to the caller.
     * @throws Rejected {@code bad_email} for text that is not an email address (whoever
     * has accounts)
     * @throws RateLimited beyond the address's budget
     */
    public void request(String email, String address) {
        AccountManagement.NewAccount.checkEmail(email);
        rateLimits.spend(RateLimit.PASSWORD_RESETS_PER_ADDRESS, address == null ? "unknown" : address);
        if (available()) {
            String normalised = email.strip().toLowerCase(Locale.ROOT);
            executor.execute(() -> send(normalised, address));
        }
    }

    private void send(String email, String address) {
        try {
            Optional<AccountId> account = accounts.findByEmail(email).map(Accounts.StoredAccount::id);
            if (account.isEmpty() || !withinAccountBudget(account.get())) {
                return;
            }
            String token = Tokens.newToken();
            Instant now = Timestamps.now(clock);
            links.issue(account.get(), token, now, now.plus(settings.linkLifetime()));
            memberships(account.get())
                .forEach(member -> events.publishEvent(new PasswordResetRequested(member.workspaceId(),
                        member.memberId(), keptAddress(member.workspaceId(), address))));
            mail(email, token, address);
        }
        catch (RuntimeException e) {
            log.warn("a password-reset request could not be completed: {}", e.getClass().getSimpleName());
        }
    }

    private boolean withinAccountBudget(AccountId account) {
        try {
            rateLimits.spend(RateLimit.PASSWORD_RESETS_PER_ACCOUNT, account.toString());
            return true;
        }
        catch (RateLimited enough) {
            return false;
        }
    }

    /**
     * What the workspace keeps of the requesting address (its IP mode), for its audit
     * log.
     */
    private String keptAddress(WorkspaceId workspaceId, String address) {
        String kept = Tenancy.run(workspaceId, () -> workspaces.keptAddress(workspaceId, address));
        return kept == null ? "" : kept;
    }

    private void mail(String email, String token, String address) {
        if (!egress.mailAvailable()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.mailFrom());
        message.setTo(email);
        message.setSubject("Reset your Confidant password");
        message.setText("""
                Someone asked to reset the password of the Confidant account %s, from the address %s.

                If it was you, open this link within %d minutes to choose a new password (it works once):

                %s/login/reset/confirm?token=%s

                If it was not you, ignore this email: your password stays as it is. Setting a new one signs the
                account out everywhere; a second factor is still asked for at the next sign-in.
                """.formatted(email, address == null ? "unknown" : address, settings.linkLifetime().toMinutes(),
                publicUrl.base(), token));
        try {
            egress.mail(Flow.PASSWORD_RESET_EMAIL, message);
        }
        catch (MailException e) {
            log.warn("a password-reset email could not be sent: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Whether the link's token is valid now (to show the form behind it); it stays
     * unused.
     */
    @Transactional(readOnly = true)
    public boolean isValid(String token) {
        return links.find(token, Timestamps.now(clock)).isPresent();
    }

    /**
     * Sets a new password through a link, which is used up; every session and API token
     * of the account ends.
     * @throws Rejected {@code link_invalid} for a link that is unknown, used or expired;
     * the password rules' codes for a password that breaks them (the link then stays
     * usable)
     */
    @Transactional
    @CrossWorkspace("a reset link names an account, whose memberships span workspaces")
    public void reset(String token, String newPassword) {
        Instant now = Timestamps.now(clock);
        PasswordResets.Link link = links.find(token, now).orElseThrow(PasswordReset::linkInvalid);
        Passwords.check(newPassword);
        if (!links.consume(link, now)) {
            throw linkInvalid();
        }
        accounts.updatePasswordHash(link.accountId(), passwordEncoder.encode(newPassword));
        for (MemberPrincipal member : accounts.principalsOfAccount(link.accountId())) {
            events
                .publishEvent(new PasswordChanged(member.workspaceId(), member.memberId(), member.getUsername(), true));
        }
    }

    private List<MemberPrincipal> memberships(AccountId account) {
        return Tenancy.system("a reset request names an email, not a workspace",
                () -> accounts.principalsOfAccount(account));
    }

    private static Rejected linkInvalid() {
        return new Rejected("link_invalid", "This link is not valid any more. Ask for a new one.");
    }

}
