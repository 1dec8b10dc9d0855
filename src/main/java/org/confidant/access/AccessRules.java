package org.confidant.access;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Overrides, scopes and inbox memberships, in SQL. */
@Repository
class AccessRules {

    private final JdbcClient jdbc;

    AccessRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The member's overrides: true grants the permission, false revokes it. */
    Map<Permission, Boolean> overrides(WorkspaceId workspaceId, MemberId memberId) {
        Map<Permission, Boolean> overrides = new EnumMap<>(Permission.class);
        jdbc.sql("select permission, granted from member_permission_override where workspace_id = ? and member_id = ?")
            .params(workspaceId.value(), memberId.value())
            .query((rs, n) -> Map.entry(rs.getString("permission"), rs.getBoolean("granted")))
            .list()
            // a permission the catalogue no longer has is ignored, not fatal
            .forEach(row -> Permission.byKey(row.getKey()).ifPresent(p -> overrides.put(p, row.getValue())));
        return overrides;
    }

    void setOverride(WorkspaceId workspaceId, MemberId memberId, Permission permission, Boolean granted) {
        jdbc.sql("delete from member_permission_override where workspace_id = ? and member_id = ? and permission = ?")
            .params(workspaceId.value(), memberId.value(), permission.key())
            .update();
        if (granted != null) {
            jdbc.sql("""
                    insert into member_permission_override (member_id, workspace_id, permission, granted)
                    values (?, ?, ?, ?)
                    """).params(memberId.value(), workspaceId.value(), permission.key(), granted).update();
        }
    }

    ConversationScope scope(WorkspaceId workspaceId, MemberId memberId) {
        return jdbc.sql("select conversation_scope from member_scope where workspace_id = ? and member_id = ?")
            .params(workspaceId.value(), memberId.value())
            .query(String.class)
            .optional()
            .map(ConversationScope::valueOf)
            .orElse(ConversationScope.INBOXES);
    }

    void setScope(WorkspaceId workspaceId, MemberId memberId, ConversationScope scope) {
        jdbc.sql("delete from member_scope where workspace_id = ? and member_id = ?")
            .params(workspaceId.value(), memberId.value())
            .update();
        if (scope != ConversationScope.INBOXES) {
            jdbc.sql("insert into member_scope (member_id, workspace_id, conversation_scope) values (?, ?, ?)")
                .params(memberId.value(), workspaceId.value(), scope.name())
                .update();
        }
    }

    Set<InboxId> inboxesOf(WorkspaceId workspaceId, MemberId memberId) {
        return jdbc.sql("select inbox_id from inbox_member where workspace_id = ? and member_id = ?")
            .params(workspaceId.value(), memberId.value())
            .query((rs, n) -> new InboxId(rs.getObject("inbox_id", UUID.class)))
            .set();
    }

    Set<MemberId> membersOf(WorkspaceId workspaceId, InboxId inboxId) {
        return jdbc.sql("select member_id from inbox_member where workspace_id = ? and inbox_id = ?")
            .params(workspaceId.value(), inboxId.value())
            .query((rs, n) -> new MemberId(rs.getObject("member_id", UUID.class)))
            .set();
    }

    void addToInbox(WorkspaceId workspaceId, InboxId inboxId, MemberId memberId) {
        jdbc.sql("insert into inbox_member (inbox_id, member_id, workspace_id) values (?, ?, ?)")
            .params(inboxId.value(), memberId.value(), workspaceId.value())
            .update();
    }

    void removeFromInbox(WorkspaceId workspaceId, InboxId inboxId, MemberId memberId) {
        jdbc.sql("delete from inbox_member where workspace_id = ? and inbox_id = ? and member_id = ?")
            .params(workspaceId.value(), inboxId.value(), memberId.value())
            .update();
    }

    /**
     * Forgets everything access knew of a removed member, so that readmitting them starts
     * from their new role.
     */
    void forget(WorkspaceId workspaceId, MemberId memberId) {
        for (String table : List.of("member_permission_override", "member_scope", "inbox_member")) {
            jdbc.sql("delete from " + table + " where workspace_id = ? and member_id = ?")
                .params(workspaceId.value(), memberId.value())
                .update();
        }
    }

    void deleteWorkspace(WorkspaceId workspaceId) {
        for (String table : List.of("member_permission_override", "member_scope", "inbox_member")) {
            jdbc.sql("delete from " + table + " where workspace_id = ?").param(workspaceId.value()).update();
        }
    }

}
