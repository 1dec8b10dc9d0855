package org.confidant.widget;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.confidant.contact.Contact;
import org.confidant.contact.ContactBlockChanged;
import org.confidant.contact.ContactErased;
import org.confidant.contact.ContactManagement;
import org.confidant.crypto.BlindIndex;
import org.confidant.inbox.AllowedDomains;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.inbox.VerifiedIdentity;
import org.confidant.inbox.VisitorIdentityTokens;
import org.confidant.inbox.WebOrigin;
import org.confidant.privacy.Consent;
import org.confidant.privacy.ConsentManagement;
import org.confidant.privacy.ConsentMode;
import org.confidant.privacy.ConsentWithdrawn;
import org.confidant.privacy.InboxPrivacy;
import org.confidant.ratelimit.RateLimit;
import org.confidant.ratelimit.RateLimits;
import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.confidant.widget.VisitorTokens.Claims;
import org.confidant.workspace.WorkspaceCancelled;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts, resumes, renews and revokes widget visitor sessions. A session is a row (its
 * id, workspace, inbox and contact); the visitor holds a signed, short-lived token naming
 * it ({@link VisitorTokens}). A token opens its session only if its signature checks
 * under its workspace's key, it has not expired, it names the inbox the visitor opens,
 * the session's row still exists and the contact is not blocked. Whatever else is
 * presented (tampered, expired, revoked, of another inbox, or not a token at all) is
 * treated alike, as no token.
 *
 * <p>
 * <b>Visitor tokens.</b> A visitor session is a row ({@code visitor_session}: id,
 * workspace, inbox, contact, the blind index of the address it last came from, and when
 * its newest token expires). The visitor holds a signed, short-lived token naming it
 * ({@link org.confidant.widget.VisitorTokens}: {@code v1.<payload>.<signature>}, the
 * payload being session id, workspace, inbox, contact, issued-at and expires-at, signed
 * with the workspace's own key under the purpose {@code visitor.token}), which the chat
 * app keeps in the iframe's own storage and sends only inside the socket's {@code hello}
 * frame and the {@code X-Visitor-Token} header of its file requests, never in a URL. A
 * token opens its session only if it parses strictly, its signature checks under the key
 * of the workspace it names, it has not expired
 * ({@link org.confidant.widget.WidgetSettings#visitorTokenLifetime()}, an hour by
 * default), it names the inbox of the {@code hello}, the session's row exists and the
 * contact is not blocked. Anything else is no token at all: a new anonymous visitor (on
 * the socket) or a 404 (on HTTP), without telling expired, tampered, revoked and unknown
 * apart. {@code welcome} always brings a fresh token, and {@code realtime} asks
 * {@link org.confidant.widget.VisitorSessions#renew} for the next one at half the
 * lifetime while the socket is open. Rows whose newest token has expired are purged once
 * per lifetime.
 *
 * <p>
 * <b>Revocation and blocking.</b> {@link org.confidant.widget.VisitorSessions#revokeAll}
 * deletes every session of a contact and publishes
 * {@link org.confidant.widget.VisitorSessionsRevoked}, on which {@code realtime} closes
 * the contact's sockets after the commit (an event, since {@code realtime} depends on
 * this module and not the other way). Blocking a contact
 * ({@code contact.ContactBlockChanged}, from the conversation page) revokes its sessions
 * in the blocking transaction and refuses the blind index of its last address to new
 * anonymous visitors of its inbox until it is unblocked; the contact module refuses its
 * tokens and its identity ({@code visitor_blocked}). Erasing a contact, when it comes,
 * ({@code contact.ContactErased}) revokes them too, with a reason of its own, and so does
 * cancelling the workspace ({@code workspace.WorkspaceCancelled}).
 */
@NamedInterface("api")
@Service
public class VisitorSessions {

    /**
     * The blind index purpose of a visitor's address, kept to refuse a blocked contact's
     * address.
     */
    static final String ADDRESS_INDEX = "visitor.address";

    private static final String BLOCKED = "This chat is not available to you.";

    private final JdbcClient jdbc;

    private final InboxManagement inboxes;

    private final ContactManagement contacts;

    private final VisitorIdentityTokens identities;

    private final RateLimits rateLimits;

    private final VisitorTokens tokens;

    private final BlindIndex blindIndex;

    private final ApplicationEventPublisher events;

    private final WidgetSettings settings;

    private final ConsentManagement consents;

    private final Clock clock;

    VisitorSessions(JdbcClient jdbc, InboxManagement inboxes, ContactManagement contacts,
            VisitorIdentityTokens identities, RateLimits rateLimits, VisitorTokens tokens, BlindIndex blindIndex,
            ApplicationEventPublisher events, WidgetSettings settings, ConsentManagement consents, Clock clock) {
        this.jdbc = jdbc;
        this.inboxes = inboxes;
        this.contacts = contacts;
        this.consents = consents;
        this.identities = identities;
        this.rateLimits = rateLimits;
        this.tokens = tokens;
        this.blindIndex = blindIndex;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Opens the widget for a visitor, always with a fresh token. {@code host} is the
     * origin of the page that embeds the chat, as the chat app reports it; one the inbox
     * does not allow is {@link Rejected} before anything is stored. With an identity
     * token from the business's site, the session speaks for the verified contact of that
     * identity (a presented visitor token is resumed only if it is that contact's).
     * Without one, it resumes the session of {@code token} if the token opens it and its
     * contact is anonymous (a verified contact's conversation is never reopened without
     * its identity), or starts a new anonymous visitor, remembering the address it came
     * from (kept encrypted with the contact, and as a blind index with the session).
     * @throws NotFound for an unknown inbox
     * @throws Rejected {@code origin_not_allowed} for a host the inbox does not allow,
     * {@code identity_invalid} for an identity token that proves nothing,
     * {@code identity_required} when the inbox opens only for verified visitors and none
     * was given, {@code visitor_blocked} for a valid token or an identity of a blocked
     * contact, and for a new anonymous visitor from the last address of a blocked contact
     * of the inbox
     * @throws org.confidant.shared.RateLimited for a new visitor beyond the address's
     * budget
     * @throws ConsentRequired when the inbox asks for consent and a new visitor (one
     * whose token resumes no session) has not given it to the current notice: nothing is
     * stored
     */
    @Transactional
    public VisitorSession open(InboxId inboxId, String token, String host, String identityToken, String ipAddress,
            VisitorConsent consent) {
        Inbox inbox = inboxes.findForWidget(inboxId).orElseThrow(() -> new NotFound("inbox"));
        return Tenancy.run(inbox.workspaceId(), () -> open(inbox, token, host, identityToken, ipAddress, consent));
    }

    private VisitorSession open(Inbox inbox, String token, String host, String identityToken, String ipAddress,
            VisitorConsent consent) {
        AllowedDomains allowed = inboxes.allowedDomains(inbox.workspaceId(), inbox.id());
        if (!WebOrigin.parse(host).map(allowed::permits).orElse(false)) {
            throw new Rejected("origin_not_allowed", "This website is not allowed to show this chat.");
        }
        WorkspaceId workspace = inbox.workspaceId();
        Instant now = Timestamps.now(clock);
        Optional<Claims> presented = unexpired(token, workspace, now).filter(c -> c.inbox().equals(inbox.id()));
        byte[] address = addressIndex(workspace, ipAddress);
        InboxPrivacy privacy = consents.privacy(workspace, inbox.id());
        if (identityToken != null) {
            VerifiedIdentity identity = identities.verify(inbox, identityToken);
            Contact contact = contacts.verifiedVisitor(workspace, inbox.id(), identity.subject(), identity.name(),
                    identity.email(), ipAddress);
            Optional<VisitorSession> resumedVerified = presented.filter(c -> c.contact().equals(contact.id()))
                .flatMap(c -> resume(c, now, address, true));
            if (resumedVerified.isPresent()) {
                return resumedVerified.get();
            }
            // a new session on this device needs consent; refused, the transaction rolls
            // back and the contact made above is not kept
            Consent.Kind given = consented(privacy, consent);
            recordConsent(workspace, privacy, contact.id(), given);
            return start(inbox, contact.id(), now, address, true);
        }
        if (identities.isRequired(inbox)) {
            throw new Rejected("identity_required",
                    "This chat is for customers signed in on the site: the page must pass an identity token.");
        }
        // the contact's row is locked from here on, so that a block happens before or
        // after this, never during
        Optional<VisitorSession> resumed = presented
            .filter(c -> contacts.admitVisitor(workspace, c.contact()).isPresent())
            .filter(c -> contacts.verifiedAmong(workspace, Set.of(c.contact())).isEmpty())
            .flatMap(c -> resume(c, now, address, false));
        if (resumed.isPresent()) {
            return resumed.get();
        }
        if (address != null && addressBlocked(workspace, inbox.id(), address)) {
            throw new Rejected("visitor_blocked", BLOCKED);
        }
        Consent.Kind given = consented(privacy, consent);
        rateLimits.spend(RateLimit.WIDGET_SESSIONS_PER_ADDRESS, ipAddress == null ? "unknown" : ipAddress);
        Contact contact = contacts.createVisitor(workspace, inbox.id(), ipAddress);
        recordConsent(workspace, privacy, contact.id(), given);
        return start(inbox, contact.id(), now, address, false);
    }

    /**
     * The consent a new visitor gave, when the inbox asks for one: the current notice's
     * version, and implied consent only where the inbox allows it; null when the inbox
     * does not ask.
     * @throws ConsentRequired otherwise, before anything is stored
     */
    private static Consent.Kind consented(InboxPrivacy privacy, VisitorConsent consent) {
        if (!privacy.asksConsent()) {
            return null;
        }
        boolean valid = consent != null && consent.noticeVersion() == privacy.noticeVersion()
                && (consent.kind() == Consent.Kind.EXPLICIT || privacy.consent() == ConsentMode.IMPLIED);
        if (!valid) {
            throw new ConsentRequired(privacy);
        }
        return consent.kind();
    }

    private void recordConsent(WorkspaceId workspace, InboxPrivacy privacy, ContactId contact, Consent.Kind given) {
        if (given != null) {
            consents.record(workspace, privacy.inboxId(), contact, given, privacy.noticeVersion());
        }
    }

    /**
     * The visitor of the session withdraws their consent: their consent records go, and
     * (on {@link ConsentWithdrawn}) every session of their contact is revoked, its
     * sockets closed with {@code consent_withdrawn}.
     */
    @Transactional
    public void withdrawConsent(VisitorSession session) {
        Tenancy.run(session.workspaceId(),
                () -> consents.withdraw(session.workspaceId(), session.inboxId(), session.contactId()));
    }

    /**
     * A visitor withdrew their consent: their sessions end, and their address digests
     * with them.
     */
    @EventListener
    void on(ConsentWithdrawn withdrawn) {
        revokeAll(withdrawn.workspaceId(), withdrawn.contactId(), VisitorSessionsRevoked.Reason.CONSENT_WITHDRAWN);
    }

    /** The session of the claims with a new token, if its row still exists. */
    private Optional<VisitorSession> resume(Claims claims, Instant now, byte[] address, boolean verified) {
        Instant expires = expiry(now);
        int touched = jdbc.sql("""
                update visitor_session set last_seen_at = ?, expires_at = ?, address_index = ?
                 where workspace_id = ? and id = ? and inbox_id = ? and contact_id = ?
                """)
            .params(Timestamps.toDatabase(now), Timestamps.toDatabase(expires), address, claims.workspace().value(),
                    claims.session(), claims.inbox().value(), claims.contact().value())
            .update();
        return touched == 0 ? Optional.empty() : Optional
            .of(issue(claims.session(), claims.workspace(), claims.inbox(), claims.contact(), now, expires, verified));
    }

    private VisitorSession start(Inbox inbox, ContactId contactId, Instant now, byte[] address, boolean verified) {
        UUID id = UUID.randomUUID();
        Instant expires = expiry(now);
        jdbc.sql("""
                insert into visitor_session (id, workspace_id, inbox_id, contact_id, address_index, created_at,
                                             last_seen_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            .params(id, inbox.workspaceId().value(), inbox.id().value(), contactId.value(), address,
                    Timestamps.toDatabase(now), Timestamps.toDatabase(now), Timestamps.toDatabase(expires))
            .update();
        return issue(id, inbox.workspaceId(), inbox.id(), contactId, now, expires, verified);
    }

    /**
     * A new token for an open chat's session, issued before its current one ends; empty
     * when the session was revoked meanwhile (its row is gone).
     */
    @Transactional
    public Optional<VisitorSession> renew(VisitorSession session) {
        return Tenancy.run(session.workspaceId(), () -> {
            Instant now = Timestamps.now(clock);
            Instant expires = expiry(now);
            int renewed = jdbc
                .sql("update visitor_session set last_seen_at = ?, expires_at = ? "
                        + "where workspace_id = ? and id = ?")
                .params(Timestamps.toDatabase(now), Timestamps.toDatabase(expires), session.workspaceId().value(),
                        session.id())
                .update();
            return renewed == 0 ? Optional.<VisitorSession>empty() : Optional.of(issue(session.id(),
                    session.workspaceId(), session.inboxId(), session.contactId(), now, expires, session.verified()));
        });
    }

    /**
     * Whether the session has not been revoked (an open socket checks once it is
     * registered for revocations).
     */
    @Transactional(readOnly = true)
    public boolean isLive(VisitorSession session) {
        return Tenancy.run(session.workspaceId(),
                () -> jdbc.sql("select count(*) from visitor_session where workspace_id = ? and id = ?")
                    .params(session.workspaceId().value(), session.id())
                    .query(Long.class)
                    .single() > 0);
    }

    /**
     * The session of a visitor token presented on an HTTP request of the widget (an
     * upload): never starts one. Anything that would not open a session is empty, and so
     * is a verified contact's token, which opens nothing without its identity token (as
     * in {@link #open}), and a blocked contact's.
     */
    @Transactional(readOnly = true)
    public Optional<VisitorSession> find(String token) {
        Instant now = Timestamps.now(clock);
        // the token names its workspace, whatever the request's own may be, and its
        // signature under that workspace's
        // key vouches for it; everything after that happens in that workspace
        return Tenancy.system("a visitor token names its workspace",
                () -> unexpired(token, null, now).filter(c -> Tenancy.run(c.workspace(), () -> opens(c)))
                    .map(c -> new VisitorSession(token, c.workspace(), c.inbox(), c.contact(), false, c.session(),
                            c.expiresAt())));
    }

    /**
     * Whether the session of the claims exists and its contact is neither blocked nor
     * verified.
     */
    private boolean opens(Claims claims) {
        Set<ContactId> contact = Set.of(claims.contact());
        return jdbc
            .sql("select count(*) from visitor_session where workspace_id = ? and id = ? and inbox_id = ? "
                    + "and contact_id = ?")
            .params(claims.workspace().value(), claims.session(), claims.inbox().value(), claims.contact().value())
            .query(Long.class)
            .single() > 0 && contacts.blockedAmong(claims.workspace(), contact).isEmpty()
                && contacts.verifiedAmong(claims.workspace(), contact).isEmpty();
    }

    /**
     * Revokes every visitor session of the contact: their tokens open nothing from now
     * on, and after the commit the contact's open sockets are closed, on every node
     * ({@link VisitorSessionsRevoked}). Blocking a contact calls this; erasing one must
     * too.
     */
    @Transactional
    public int revokeAll(WorkspaceId workspaceId, ContactId contactId, VisitorSessionsRevoked.Reason reason) {
        int revoked = jdbc.sql("delete from visitor_session where workspace_id = ? and contact_id = ?")
            .params(workspaceId.value(), contactId.value())
            .update();
        events.publishEvent(new VisitorSessionsRevoked(workspaceId, contactId, reason));
        return revoked;
    }

    /**
     * A blocked contact: its last address (from its newest session, else the one it first
     * came from) is refused to new anonymous visitors of its inbox, and its sessions are
     * revoked. Unblocked: its address is welcome again; the revoked sessions stay
     * revoked.
     */
    @EventListener
    void on(ContactBlockChanged changed) {
        WorkspaceId workspace = changed.workspaceId();
        jdbc.sql("delete from visitor_address_block where workspace_id = ? and contact_id = ?")
            .params(workspace.value(), changed.contactId().value())
            .update();
        if (!changed.blocked()) {
            return;
        }
        Optional<byte[]> address = jdbc.sql("""
                select address_index from visitor_session
                 where workspace_id = ? and contact_id = ? and address_index is not null
                 order by last_seen_at desc fetch first 1 rows only
                """)
            .params(workspace.value(), changed.contactId().value())
            .query((rs, n) -> rs.getBytes(1))
            .optional()
            .or(() -> contacts.find(workspace, changed.contactId())
                .map(Contact::ipAddress)
                .filter(kept -> !kept.contains("/")) // a whole address (IP mode full),
                                                     // not a network
                .map(kept -> addressIndex(workspace, kept)));
        address.ifPresent(index -> jdbc.sql("""
                insert into visitor_address_block (contact_id, workspace_id, inbox_id, address_index, blocked_at)
                values (?, ?, ?, ?, ?)
                """)
            .params(changed.contactId().value(), workspace.value(), changed.inboxId().value(), index,
                    Timestamps.toDatabase(Timestamps.now(clock)))
            .update());
        revokeAll(workspace, changed.contactId(), VisitorSessionsRevoked.Reason.BLOCKED);
    }

    /**
     * An erased contact's sessions end (its sockets close after the commit) and its
     * blocked address goes, in the erasing transaction.
     */
    @EventListener
    @Order(20)
    void on(ContactErased erased) {
        jdbc.sql("delete from visitor_address_block where workspace_id = ? and contact_id = ?")
            .params(erased.workspaceId().value(), erased.contactId().value())
            .update();
        revokeAll(erased.workspaceId(), erased.contactId(), VisitorSessionsRevoked.Reason.ERASED);
    }

    /**
     * A cancelled workspace's visitor sessions all end (their sockets close after the
     * commit); the widget answers its inboxes' visitors as unknown from now on.
     */
    @EventListener
    void on(WorkspaceCancelled cancelled) {
        WorkspaceId workspace = cancelled.workspaceId();
        List<ContactId> contacts = jdbc.sql("select distinct contact_id from visitor_session where workspace_id = ?")
            .param(workspace.value())
            .query((rs, n) -> new ContactId(rs.getObject(1, UUID.class)))
            .list();
        for (ContactId contact : contacts) {
            revokeAll(workspace, contact, VisitorSessionsRevoked.Reason.WORKSPACE_CANCELLED);
        }
    }

    /**
     * Removes the sessions whose newest token has expired: nothing can open them any
     * more.
     */
    @Transactional
    public int purgeExpired() {
        return Tenancy.system("expired visitor sessions of every workspace",
                () -> jdbc.sql("delete from visitor_session where expires_at <= ?")
                    .param(Timestamps.toDatabase(Timestamps.now(clock)))
                    .update());
    }

    private boolean addressBlocked(WorkspaceId workspace, InboxId inbox, byte[] address) {
        return jdbc
            .sql("select count(*) from visitor_address_block where workspace_id = ? and inbox_id = ? "
                    + "and address_index = ?")
            .params(workspace.value(), inbox.value(), address)
            .query(Long.class)
            .single() > 0;
    }

    /**
     * The claims of a token that checks out (in {@code workspace}; null: its own) and has
     * not expired.
     */
    private Optional<Claims> unexpired(String token, WorkspaceId workspace, Instant now) {
        return tokens.verify(token, workspace).filter(c -> now.isBefore(c.expiresAt()));
    }

    private Instant expiry(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).plus(settings.visitorTokenLifetime());
    }

    private VisitorSession issue(UUID id, WorkspaceId workspace, InboxId inbox, ContactId contact, Instant now,
            Instant expires, boolean verified) {
        String token = tokens
            .mint(new Claims(id, workspace, inbox, contact, now.truncatedTo(ChronoUnit.SECONDS), expires));
        return new VisitorSession(token, workspace, inbox, contact, verified, id, expires);
    }

    private byte[] addressIndex(WorkspaceId workspace, String ipAddress) {
        return ipAddress == null || ipAddress.isBlank() ? null
                : blindIndex.of(workspace, ADDRESS_INDEX, ipAddress.strip().toLowerCase(Locale.ROOT));
    }

}
