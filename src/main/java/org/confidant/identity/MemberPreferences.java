package org.confidant.identity;

import java.time.Instant;
import java.util.Optional;

import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_preference} rows: one per member who changed the defaults. */
@Repository
class MemberPreferences {

    private final JdbcClient jdbc;

    MemberPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<NotificationPreferences> find(WorkspaceId workspaceId, MemberId memberId) {
        return jdbc
            .sql("select new_conversations, my_conversations, inbox_messages, sound, previews "
                    + "from notification_preference where workspace_id = ? and member_id = ?")
            .params(workspaceId.value(), memberId.value())
            .query((rs, n) -> new NotificationPreferences(rs.getBoolean("new_conversations"),
                    rs.getBoolean("my_conversations"), rs.getBoolean("inbox_messages"), rs.getBoolean("sound"),
                    rs.getBoolean("previews")))
            .optional();
    }

    void save(WorkspaceId workspaceId, MemberId memberId, NotificationPreferences p, Instant now) {
        int updated = jdbc
            .sql("update notification_preference set new_conversations = ?, my_conversations = ?, "
                    + "inbox_messages = ?, sound = ?, previews = ?, updated_at = ? "
                    + "where workspace_id = ? and member_id = ?")
            .params(p.newConversations(), p.myConversations(), p.inboxMessages(), p.sound(), p.previews(),
                    Timestamps.toDatabase(now), workspaceId.value(), memberId.value())
            .update();
        if (updated == 0) {
            jdbc.sql("insert into notification_preference (member_id, workspace_id, new_conversations, "
                    + "my_conversations, inbox_messages, sound, previews, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(memberId.value(), workspaceId.value(), p.newConversations(), p.myConversations(),
                        p.inboxMessages(), p.sound(), p.previews(), Timestamps.toDatabase(now))
                .update();
        }
    }

}
