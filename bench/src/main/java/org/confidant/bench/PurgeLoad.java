package org.confidant.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * steady's {@code --purge-messages N} (PostgreSQL only): N messages, 100 per resolved conversation, resolved 400 days
 * ago, loaded into the run's workspace by SQL batches (bodies are 250 random bytes, a typical ciphertext's size: the
 * purge never decrypts), on a contact the scenario's visitors made. {@link #start()} then gives the workspace a 365-day
 * retention for resolved conversations, and the server's retention purge (run every second in this mode) deletes them
 * beside the live chat, in its own batches, as in production. The harness reads the database in the system scope, as
 * an operator's tool would.
 */
final class PurgeLoad implements AutoCloseable {

    static final int PER_CONVERSATION = 100;
    private static final int CONVERSATIONS_PER_BATCH = 100;

    private final Connection db;
    private final UUID workspace;
    private final int messages;

    private PurgeLoad(Connection db, UUID workspace, int messages) {
        this.db = db;
        this.workspace = workspace;
        this.messages = messages;
    }

    static PurgeLoad seed(Bench bench, int messages) throws SQLException {
        Connection db = DriverManager.getConnection(bench.pgUrlFor(bench.database()), bench.options.pgUser,
                bench.options.pgPassword);
        try (Statement s = db.createStatement()) {
            s.execute("select set_config('confidant.system', 'on', false)");
        }
        UUID workspace;
        UUID inbox;
        UUID contact;
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("select workspace_id, inbox_id, id from contact limit 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("no contact to hang the purge's conversations on");
            }
            workspace = rs.getObject(1, UUID.class);
            inbox = rs.getObject(2, UUID.class);
            contact = rs.getObject(3, UUID.class);
        }
        Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofDays(400)));
        byte[] body = new byte[250];
        ThreadLocalRandom.current().nextBytes(body);
        long t = System.nanoTime();
        db.setAutoCommit(false);
        int conversations = messages / PER_CONVERSATION;
        try (PreparedStatement conversation = db.prepareStatement("insert into conversation (id, workspace_id, "
                + "inbox_id, contact_id, status, last_seq, last_message_at, created_at, resolved_at) "
                + "values (?, ?, ?, ?, 'RESOLVED', ?, ?, ?, ?)");
                PreparedStatement message = db.prepareStatement("insert into message (id, workspace_id, "
                        + "conversation_id, seq, client_msg_id, author_kind, body, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int first = 0; first < conversations; first += CONVERSATIONS_PER_BATCH) {
                for (int c = first; c < Math.min(conversations, first + CONVERSATIONS_PER_BATCH); c++) {
                    UUID id = UUID.randomUUID();
                    conversation.setObject(1, id);
                    conversation.setObject(2, workspace);
                    conversation.setObject(3, inbox);
                    conversation.setObject(4, contact);
                    conversation.setLong(5, PER_CONVERSATION);
                    conversation.setTimestamp(6, old);
                    conversation.setTimestamp(7, old);
                    conversation.setTimestamp(8, old);
                    conversation.addBatch();
                    for (int seq = 1; seq <= PER_CONVERSATION; seq++) {
                        message.setObject(1, UUID.randomUUID());
                        message.setObject(2, workspace);
                        message.setObject(3, id);
                        message.setLong(4, seq);
                        message.setString(5, "purge-" + seq);
                        message.setString(6, seq % 2 == 0 ? "AGENT" : "VISITOR");
                        message.setBytes(7, body);
                        message.setTimestamp(8, old);
                        message.addBatch();
                    }
                }
                conversation.executeBatch();
                message.executeBatch();
                db.commit();
            }
        }
        db.setAutoCommit(true);
        try (Statement s = db.createStatement()) {
            s.execute("analyze conversation");
            s.execute("analyze message");
        }
        Bench.log("steady: " + messages + " messages due for purge loaded in " + (System.nanoTime() - t) / 1_000_000
                + " ms");
        return new PurgeLoad(db, workspace, conversations * PER_CONVERSATION);
    }

    int messages() {
        return messages;
    }

    /** Gives the workspace a 365-day retention for resolved conversations: the next purge run finds them due. */
    void start() throws SQLException {
        try (PreparedStatement update = db.prepareStatement("update retention_policy set resolved_days = 365, "
                + "updated_at = now() where workspace_id = ? and inbox_id is null")) {
            update.setObject(1, workspace);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = db.prepareStatement("insert into retention_policy (id, "
                        + "workspace_id, inbox_id, resolved_days, updated_at) values (?, ?, null, 365, now())")) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, workspace);
                    insert.executeUpdate();
                }
            }
        }
    }

    /** The messages of the loaded conversations that are still there. */
    long left() throws SQLException {
        try (PreparedStatement count = db.prepareStatement("select count(*) from conversation "
                + "where workspace_id = ? and status = 'RESOLVED' and resolved_at < now() - interval '300 days'")) {
            count.setObject(1, workspace);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1) * PER_CONVERSATION;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
