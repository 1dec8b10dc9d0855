package org.confidant.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The contact module's public API. */
@Service
public class ContactManagement {

    private static final String COLUMNS = "select id, workspace_id, inbox_id, display_name, created_at from contact";

    private final JdbcClient jdbc;
    private final Clock clock;

    ContactManagement(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new anonymous visitor of the inbox, named "Visitor" and a short tag agents can tell apart. */
    @Transactional
    public Contact createVisitor(WorkspaceId workspaceId, InboxId inboxId) {
        ContactId id = ContactId.random();
        String name = "Visitor " + id.value().toString().substring(0, 4).toUpperCase();
        Contact contact = new Contact(id, workspaceId, inboxId, name, Timestamps.now(clock));
        jdbc.sql("insert into contact (id, workspace_id, inbox_id, display_name, created_at) values (?, ?, ?, ?, ?)")
                .params(id.value(), workspaceId.value(), inboxId.value(), name, Timestamps.toDatabase(contact.createdAt()))
                .update();
        return contact;
    }

    @Transactional(readOnly = true)
    public Optional<Contact> find(WorkspaceId workspaceId, ContactId id) {
        return jdbc.sql(COLUMNS + " where workspace_id = ? and id = ?").params(workspaceId.value(), id.value())
                .query((rs, n) -> contact(rs)).optional();
    }

    /** Display names of the given contacts of the workspace (unknown ids are left out). */
    @Transactional(readOnly = true)
    public Map<ContactId, String> displayNames(WorkspaceId workspaceId, Collection<ContactId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<ContactId, String> names = new HashMap<>();
        jdbc.sql("select id, display_name from contact where workspace_id = :workspace and id in (:ids)")
                .param("workspace", workspaceId.value())
                .param("ids", ids.stream().map(ContactId::value).distinct().toList())
                .query(rs -> {
                    names.put(new ContactId(rs.getObject("id", UUID.class)), rs.getString("display_name"));
                });
        return names;
    }

    /**
     * Locks the contact's row until the caller's transaction ends, so that work done per contact (opening its
     * conversation) happens one request at a time.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Contact lock(WorkspaceId workspaceId, ContactId id) {
        return jdbc.sql(COLUMNS + " where workspace_id = ? and id = ? for update").params(workspaceId.value(), id.value())
                .query((rs, n) -> contact(rs)).optional().orElseThrow(() -> new NotFound("contact"));
    }

    private static Contact contact(ResultSet rs) throws SQLException {
        return new Contact(new ContactId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new InboxId(rs.getObject("inbox_id", UUID.class)), rs.getString("display_name"),
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)));
    }
}
