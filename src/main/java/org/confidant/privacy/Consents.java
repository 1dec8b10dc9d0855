package org.confidant.privacy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Inboxes' privacy settings and visitors' consents, in SQL. Every statement filters on
 * the workspace.
 */
@Repository
class Consents {

    private final JdbcClient jdbc;

    Consents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<InboxPrivacy> privacy(WorkspaceId workspaceId, InboxId inboxId) {
        return jdbc.sql("""
                select consent, storage, notice, notice_version, policy_url from inbox_privacy
                 where workspace_id = ? and inbox_id = ?
                """)
            .params(workspaceId.value(), inboxId.value())
            .query((rs, n) -> new InboxPrivacy(inboxId, ConsentMode.valueOf(rs.getString("consent")),
                    VisitorStorage.valueOf(rs.getString("storage")), rs.getString("notice"),
                    rs.getInt("notice_version"), rs.getString("policy_url")))
            .optional();
    }

    void save(WorkspaceId workspaceId, InboxPrivacy privacy, Instant now) {
        int updated = jdbc.sql("""
                update inbox_privacy set consent = ?, storage = ?, notice = ?, notice_version = ?, policy_url = ?,
                                         updated_at = ?
                 where workspace_id = ? and inbox_id = ?
                """)
            .params(privacy.consent().name(), privacy.storage().name(), privacy.notice(), privacy.noticeVersion(),
                    privacy.policyUrl(), Timestamps.toDatabase(now), workspaceId.value(), privacy.inboxId().value())
            .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into inbox_privacy (inbox_id, workspace_id, consent, storage, notice, notice_version,
                                               policy_url, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                .params(privacy.inboxId().value(), workspaceId.value(), privacy.consent().name(),
                        privacy.storage().name(), privacy.notice(), privacy.noticeVersion(), privacy.policyUrl(),
                        Timestamps.toDatabase(now))
                .update();
        }
    }

    void record(WorkspaceId workspaceId, Consent consent) {
        jdbc.sql("""
                insert into consent_record (id, workspace_id, contact_id, inbox_id, kind, notice_version, given_at)
                values (?, ?, ?, ?, ?, ?, ?)
                """)
            .params(UUID.randomUUID(), workspaceId.value(), consent.contactId().value(), consent.inboxId().value(),
                    consent.kind().name(), consent.noticeVersion(), Timestamps.toDatabase(consent.givenAt()))
            .update();
    }

    List<Consent> ofContact(WorkspaceId workspaceId, ContactId contactId) {
        return jdbc.sql("""
                select inbox_id, kind, notice_version, given_at from consent_record
                 where workspace_id = ? and contact_id = ? order by given_at, id
                """)
            .params(workspaceId.value(), contactId.value())
            .query((rs, n) -> new Consent(contactId, new InboxId(rs.getObject("inbox_id", UUID.class)),
                    Consent.Kind.valueOf(rs.getString("kind")), rs.getInt("notice_version"),
                    Timestamps.fromDatabase(rs.getObject("given_at", OffsetDateTime.class))))
            .list();
    }

    int deleteOfContact(WorkspaceId workspaceId, ContactId contactId) {
        return jdbc.sql("delete from consent_record where workspace_id = ? and contact_id = ?")
            .params(workspaceId.value(), contactId.value())
            .update();
    }

    void deleteWorkspace(WorkspaceId workspaceId) {
        jdbc.sql("delete from consent_record where workspace_id = ?").param(workspaceId.value()).update();
        jdbc.sql("delete from inbox_privacy where workspace_id = ?").param(workspaceId.value()).update();
        jdbc.sql("delete from redaction_rule where workspace_id = ?").param(workspaceId.value()).update();
        jdbc.sql("delete from redaction_setting where workspace_id = ?").param(workspaceId.value()).update();
    }

}
