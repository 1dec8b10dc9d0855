package org.confidant.widget;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
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
    private final Clock clock;

    VisitorSessions(JdbcClient jdbc, InboxManagement inboxes, ContactManagement contacts, Clock clock) {
        this.jdbc = jdbc;
        this.inboxes = inboxes;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * Resumes the session of {@code token} if it belongs to this inbox; otherwise starts a new visitor with a new
     * token, remembering the address it came from (kept encrypted with the contact). An unknown inbox is
     * {@link NotFound}.
     */
    @Transactional
    public VisitorSession open(InboxId inboxId, String token, String ipAddress) {
        Inbox inbox = inboxes.findForWidget(inboxId).orElseThrow(() -> new NotFound("inbox"));
        return Tenancy.run(inbox.workspaceId(), () -> open(inbox, token, ipAddress));
    }

    private VisitorSession open(Inbox inbox, String token, String ipAddress) {
        Instant now = Timestamps.now(clock);
        Optional<VisitorSession> resumed = resume(inbox, token);
        if (resumed.isPresent()) {
            jdbc.sql("update visitor_session set last_seen_at = ? where token_hash = ?")
                    .params(Timestamps.toDatabase(now), Tokens.digest(token)).update();
            return resumed.get();
        }
        Contact contact = contacts.createVisitor(inbox.workspaceId(), inbox.id(), ipAddress);
        String newToken = Tokens.newToken();
        jdbc.sql("""
                insert into visitor_session (token_hash, workspace_id, inbox_id, contact_id, created_at, last_seen_at)
                values (?, ?, ?, ?, ?, ?)
                """)
                .params(Tokens.digest(newToken), inbox.workspaceId().value(), inbox.id().value(), contact.id().value(),
                        Timestamps.toDatabase(now), Timestamps.toDatabase(now))
                .update();
        return new VisitorSession(newToken, inbox.workspaceId(), inbox.id(), contact.id());
    }

    private Optional<VisitorSession> resume(Inbox inbox, String token) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("select workspace_id, contact_id from visitor_session where token_hash = ? and inbox_id = ?")
                .params(Tokens.digest(token), inbox.id().value())
                .query((rs, n) -> new VisitorSession(token, new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                        inbox.id(), new ContactId(rs.getObject("contact_id", UUID.class))))
                .optional();
    }
}
