package org.confidant.lifecycle;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code shredding_receipt} table: receipts of shredded workspaces, kept for the
 * operator after every row of the workspace is gone (so the table names no
 * {@code workspace_id}; the caller is in the system scope).
 */
@Repository
class ShreddingReceipts {

    private final JdbcClient jdbc;

    ShreddingReceipts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the receipt unless one with this id is stored already. */
    void insert(UUID id, WorkspaceId workspace, Instant at, String jws) {
        if (find(id).isEmpty()) {
            jdbc.sql("insert into shredding_receipt (id, shredded_workspace, created_at, receipt) values (?, ?, ?, ?)")
                .params(id, workspace.value(), Timestamps.toDatabase(at), jws)
                .update();
        }
    }

    Optional<String> find(UUID id) {
        return jdbc.sql("select receipt from shredding_receipt where id = ?").param(id).query(String.class).optional();
    }

}
