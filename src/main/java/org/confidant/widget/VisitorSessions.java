package org.confidant.widget;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.inbox.AllowedDomains;
import org.confidant.inbox.IdentityVerification;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.inbox.VerifiedIdentity;
import org.confidant.inbox.WebOrigin;
import org.confidant.ratelimit.RateLimit;
import org.confidant.ratelimit.RateLimits;
import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.shared.Tokens;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts and resumes widget visitor sessions. */
@Service
public class VisitorSessions {

    private final JdbcClient jdbc;
    private final InboxManagement inboxes;
    private final ContactManagement contacts;
    private final IdentityVerification identities;
    private final RateLimits rateLimits;
    private final Clock clock;

    VisitorSessions(JdbcClient jdbc, InboxManagement inboxes, ContactManagement contacts,
            IdentityVerification identities, RateLimits rateLimits, Clock clock) {
        this.jdbc = jdbc;
        this.inboxes = inboxes;
        this.contacts = contacts;
        this.identities = identities;
        this.rateLimits = rateLimits;
        this.clock = clock;
    }

    /**
     * Opens the widget for a visitor. {@code host} is the origin of the page that embeds the chat, as the chat app
     * reports it; one the inbox does not allow is {@link Rejected} before anything is stored. With an identity token
     * from the business's site, the session speaks for the verified contact of that identity (a presented visitor
     * token is resumed only if it is that contact's). Without one, it resumes the session of {@code token} if it
     * belongs to this inbox and to an anonymous contact (a verified contact's conversation is never reopened without
     * its identity), or starts a new anonymous visitor with a new token, remembering the address it came from (kept
     * encrypted with the contact).
     *
     * @throws NotFound    for an unknown inbox
     * @throws Rejected    {@code origin_not_allowed} for a host the inbox does not allow, {@code identity_invalid}
     *                     for an identity token that proves nothing, {@code identity_required} when the inbox opens
     *                     only for verified visitors and none was given
     * @throws org.confidant.shared.RateLimited for a new visitor beyond the address's budget
     */
    @Transactional
    public VisitorSession open(InboxId inboxId, String token, String host, String identityToken, String ipAddress) {
        Inbox inbox = inboxes.findForWidget(inboxId).orElseThrow(() -> new NotFound("inbox"));
        return Tenancy.run(inbox.workspaceId(), () -> open(inbox, token, host, identityToken, ipAddress));
    }

    private VisitorSession open(Inbox inbox, String token, String host, String identityToken, String ipAddress) {
        AllowedDomains allowed = inboxes.allowedDomains(inbox.workspaceId(), inbox.id());
        if (!WebOrigin.parse(host).map(allowed::permits).orElse(false)) {
            throw new Rejected("origin_not_allowed", "This website is not allowed to show this chat.");
        }
        Instant now = Timestamps.now(clock);
        if (identityToken != null) {
            VerifiedIdentity identity = identities.verify(inbox, identityToken);
            Contact contact = contacts.verifiedVisitor(inbox.workspaceId(), inbox.id(), identity.subject(),
                    identity.name(), identity.email(), ipAddress);
            Optional<VisitorSession> resumed = resume(inbox, token).filter(s -> s.contactId().equals(contact.id()));
            return resumed.map(session -> touch(session, now, true))
                    .orElseGet(() -> start(inbox, contact.id(), now, true));
        }
        if (identities.isRequired(inbox)) {
            throw new Rejected("identity_required",
                    "This chat is for customers signed in on the site: the page must pass an identity token.");
        }
        Optional<VisitorSession> resumed = resume(inbox, token)
                .filter(s -> contacts.verifiedAmong(s.workspaceId(), Set.of(s.contactId())).isEmpty());
        if (resumed.isPresent()) {
            return touch(resumed.get(), now, false);
        }
        rateLimits.spend(RateLimit.WIDGET_SESSIONS_PER_ADDRESS, ipAddress == null ? "unknown" : ipAddress);
        Contact contact = contacts.createVisitor(inbox.workspaceId(), inbox.id(), ipAddress);
        return start(inbox, contact.id(), now, false);
    }

    private VisitorSession touch(VisitorSession session, Instant now, boolean verified) {
        jdbc.sql("update visitor_session set last_seen_at = ? where token_hash = ?")
                .params(Timestamps.toDatabase(now), Tokens.digest(session.token())).update();
        return new VisitorSession(session.token(), session.workspaceId(), session.inboxId(), session.contactId(),
                verified);
    }

    private VisitorSession start(Inbox inbox, ContactId contactId, Instant now, boolean verified) {
        String newToken = Tokens.newToken();
        jdbc.sql("""
                insert into visitor_session (token_hash, workspace_id, inbox_id, contact_id, created_at, last_seen_at)
                values (?, ?, ?, ?, ?, ?)
                """)
                .params(Tokens.digest(newToken), inbox.workspaceId().value(), inbox.id().value(), contactId.value(),
                        Timestamps.toDatabase(now), Timestamps.toDatabase(now))
                .update();
        return new VisitorSession(newToken, inbox.workspaceId(), inbox.id(), contactId, verified);
    }

    /**
     * The session of a visitor token presented on an HTTP request of the widget (an upload): never starts one.
     * Anything that is not a live token is empty, and so is a verified contact's token, which opens nothing without
     * its identity token (as in {@link #open}).
     */
    @Transactional(readOnly = true)
    public Optional<VisitorSession> find(String token) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return Tenancy.system("a visitor token tells its workspace", () -> jdbc.sql(
                "select workspace_id, inbox_id, contact_id from visitor_session where token_hash = ?")
                .param(Tokens.digest(token))
                .query((rs, n) -> new VisitorSession(token, new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                        new InboxId(rs.getObject("inbox_id", UUID.class)),
                        new ContactId(rs.getObject("contact_id", UUID.class)), false))
                .optional())
                .filter(s -> contacts.verifiedAmong(s.workspaceId(), Set.of(s.contactId())).isEmpty());
    }

    private Optional<VisitorSession> resume(Inbox inbox, String token) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("select workspace_id, contact_id from visitor_session where token_hash = ? and inbox_id = ?")
                .params(Tokens.digest(token), inbox.id().value())
                .query((rs, n) -> new VisitorSession(token, new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                        inbox.id(), new ContactId(rs.getObject("contact_id", UUID.class)), false))
                .optional();
    }
}
