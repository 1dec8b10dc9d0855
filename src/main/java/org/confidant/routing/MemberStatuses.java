package org.confidant.routing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Members' chosen statuses and when routing last handed each a conversation, in SQL. A
 * member without a row is online and was never routed to.
 */
@Repository
class MemberStatuses {

    /** A member's row. */
    record Row(MemberStatus status, @Nullable Instant lastRoutedAt) {
    }

    private final JdbcClient jdbc;

    MemberStatuses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<MemberId, Row> all(WorkspaceId workspaceId) {
        return jdbc.sql("select member_id, status, last_routed_at from member_status where workspace_id = ?")
            .param(workspaceId.value())
            .query((rs, n) -> Map.entry(new MemberId(rs.getObject("member_id", UUID.class)),
                    new Row(MemberStatus.valueOf(rs.getString("status")),
                            Timestamps.fromDatabase(rs.getObject("last_routed_at", OffsetDateTime.class)))))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    MemberStatus chosen(WorkspaceId workspaceId, MemberId memberId) {
        return jdbc.sql("select status from member_status where workspace_id = ? and member_id = ?")
            .params(workspaceId.value(), memberId.value())
            .query((rs, n) -> MemberStatus.valueOf(rs.getString("status")))
            .optional()
            .orElse(MemberStatus.ONLINE);
    }

    void choose(WorkspaceId workspaceId, MemberId memberId, MemberStatus status, Instant now) {
        ensureRow(workspaceId, memberId, now);
        jdbc.sql("update member_status set status = ?, changed_at = ? where workspace_id = ? and member_id = ?")
            .params(status.name(), Timestamps.toDatabase(now), workspaceId.value(), memberId.value())
            .update();
    }

    /**
     * Routing handed the member a conversation. Called with the inbox's routing row
     * locked.
     */
    void routed(WorkspaceId workspaceId, MemberId memberId, Instant now) {
        ensureRow(workspaceId, memberId, now);
        jdbc.sql("update member_status set last_routed_at = ? where workspace_id = ? and member_id = ?")
            .params(Timestamps.toDatabase(now), workspaceId.value(), memberId.value())
            .update();
    }

    /**
     * A member's row, online and never routed, unless they have one (safe when two race).
     */
    private void ensureRow(WorkspaceId workspaceId, MemberId memberId, Instant now) {
        jdbc.sql("""
                insert into member_status (member_id, workspace_id, status, changed_at, last_routed_at)
                values (?, ?, ?, ?, null) on conflict do nothing
                """)
            .params(memberId.value(), workspaceId.value(), MemberStatus.ONLINE.name(), Timestamps.toDatabase(now))
            .update();
    }

}
