package org.confidant.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A workspace's redaction settings in SQL: how card numbers and IBANs are replaced, and
 * its own rules, oldest first. Every statement filters on the workspace.
 */
@Repository
class RedactionRules {

    private final JdbcClient jdbc;

    RedactionRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    CardReplacement replacement(WorkspaceId workspaceId) {
        return jdbc.sql("select card_replacement from redaction_setting where workspace_id = ?")
            .param(workspaceId.value())
            .query(String.class)
            .optional()
            .map(CardReplacement::valueOf)
            .orElse(CardReplacement.LAST_FOUR);
    }

    /** Sets the replacement; whether it changed. */
    boolean setReplacement(WorkspaceId workspaceId, CardReplacement replacement) {
        if (replacement(workspaceId) == replacement) {
            return false;
        }
        int updated = jdbc.sql("update redaction_setting set card_replacement = ? where workspace_id = ?")
            .params(replacement.name(), workspaceId.value())
            .update();
        if (updated == 0) {
            jdbc.sql("insert into redaction_setting (workspace_id, card_replacement) values (?, ?)")
                .params(workspaceId.value(), replacement.name())
                .update();
        }
        return true;
    }

    List<RedactionRule> rules(WorkspaceId workspaceId) {
        return jdbc.sql("select id, name, pattern from redaction_rule where workspace_id = ? order by created_at, id")
            .param(workspaceId.value())
            .query((rs, n) -> new RedactionRule(rs.getObject("id", UUID.class), rs.getString("name"),
                    rs.getString("pattern")))
            .list();
    }

    /**
     * Locks the workspace's rules until the transaction ends (one change at a time),
     * through its redaction_setting row, made with the default replacement if missing. No
     * table refers to that row, so the lock neither waits for nor holds up a foreign-key
     * check on the workspace's row (locking that row deadlocked with a transaction that
     * had appended to the audit chain and then inserted a row of the workspace).
     */
    void lock(WorkspaceId workspaceId) {
        jdbc.sql("insert into redaction_setting (workspace_id, card_replacement) values (?, ?) on conflict do nothing")
            .params(workspaceId.value(), CardReplacement.LAST_FOUR.name())
            .update();
        jdbc.sql("select workspace_id from redaction_setting where workspace_id = ? for update")
            .param(workspaceId.value())
            .query(UUID.class)
            .list();
    }

    void add(WorkspaceId workspaceId, RedactionRule rule, Instant now) {
        jdbc.sql("insert into redaction_rule (id, workspace_id, name, pattern, created_at) values (?, ?, ?, ?, ?)")
            .params(rule.id(), workspaceId.value(), rule.name(), rule.pattern(), Timestamps.toDatabase(now))
            .update();
    }

    boolean remove(WorkspaceId workspaceId, UUID id) {
        return jdbc.sql("delete from redaction_rule where workspace_id = ? and id = ?")
            .params(workspaceId.value(), id)
            .update() > 0;
    }

}
