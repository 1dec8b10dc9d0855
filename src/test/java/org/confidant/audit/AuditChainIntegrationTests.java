package org.confidant.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.confidant.ConfidantApplication;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestDatabase;
import org.confidant.access.AccessManagement;
import org.confidant.access.ConversationScope;
import org.confidant.identity.Member;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.SystemScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tamper evidence: rows edited, deleted, inserted and re-ordered directly in the database
 * are each caught by verification at the first broken link; retention keeps the rest
 * verifiable; on PostgreSQL the application cannot update or delete entries outside
 * retention.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest(profiles = "quotas")
class AuditChainIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditLog log;

    record Tamper(String name, BiConsumer<JdbcClient, WorkspaceId> attack, long brokenAt, String problem) {
    }

    @Test
    void editedDeletedInsertedAndReorderedRowsAreEachCaughtAtTheFirstBrokenLink() {
        List<Tamper> tampers = List.of(
                new Tamper("details edited",
                        (db, ws) -> db
                            .sql("update audit_entry set details = '{\"scope\":"
                                    + "\"all\"}' where workspace_id = ? and sequence = 3")
                            .param(ws.value())
                            .update(),
                        3, "content"),
                new Tamper("actor edited",
                        (db, ws) -> db
                            .sql("update audit_entry set actor_label = "
                                    + "'someone-else@example.com' where workspace_id = ? and sequence = 2")
                            .param(ws.value())
                            .update(),
                        2, "content"),
                new Tamper("time edited",
                        (db, ws) -> db
                            .sql("update audit_entry set recorded_at = recorded_at "
                                    + "- interval '1' day where workspace_id = ? and sequence = 4")
                            .param(ws.value())
                            .update(),
                        4, "content"),
                new Tamper("entry deleted",
                        (db, ws) -> db.sql("delete from audit_entry where workspace_id = ? " + "and sequence = 3")
                            .param(ws.value())
                            .update(),
                        3, "missing"),
                new Tamper("newest entry deleted",
                        (db, ws) -> db.sql("delete from audit_entry where workspace_id = ? " + "and sequence = 5")
                            .param(ws.value())
                            .update(),
                        5, "head"),
                new Tamper("entry inserted, head moved", (db, ws) -> {
                    db.sql("insert into audit_entry (workspace_id, sequence, recorded_at, actor_kind, actor_id, "
                            + "actor_label, action, target, outcome, source_ip, user_agent, details, prev_hash, hash) "
                            + "select workspace_id, 6, recorded_at, actor_kind, actor_id, actor_label, "
                            + "'member.removed', target, outcome, source_ip, user_agent, '{}', hash, prev_hash "
                            + "from audit_entry where workspace_id = ? and sequence = 5")
                        .param(ws.value())
                        .update();
                    db.sql("update audit_chain set last_sequence = 6, last_hash = (select hash from audit_entry "
                            + "where workspace_id = ? and sequence = 6) where workspace_id = ?")
                        .params(ws.value(), ws.value())
                        .update();
                }, 6, "content"), new Tamper("entries re-ordered", (db, ws) -> {
                    db.sql("update audit_entry set sequence = 1000 where workspace_id = ? and sequence = 2")
                        .param(ws.value())
                        .update();
                    db.sql("update audit_entry set sequence = 2 where workspace_id = ? and sequence = 3")
                        .param(ws.value())
                        .update();
                    db.sql("update audit_entry set sequence = 3 where workspace_id = ? and sequence = 1000")
                        .param(ws.value())
                        .update();
                }, 2, "link"));
        List<String> missed = new ArrayList<>();
        for (Tamper tamper : tampers) {
            WorkspaceId workspace = workspaceWithFiveEntries();
            assertThat(log.verify(workspace).intact()).isTrue();
            asDatabaseOwner(db -> tamper.attack().accept(db, workspace));
            ChainVerification result = log.verify(workspace);
            if (result.intact() || result.firstBroken() != tamper.brokenAt()
                    || !result.problem().contains(tamper.problem())) {
                missed.add(tamper.name() + ": " + result);
            }
        }
        assertThat(missed).as("tampering verification did not pin down").isEmpty();
    }

    @Test
    void retentionPurgesOldEntriesRecordsItselfAndLeavesAVerifiableChain() {
        WorkspaceId workspace = workspaceWithFiveEntries();
        assertThat(context.getBean(AuditSettings.class).retention()).isEqualTo(Duration.ofDays(365));
        assertThat(context.getBean(AuditRetention.class).purge()).as("nothing is a year old").isZero();

        assertThat(log.purge(workspace, Instant.now().plusSeconds(1))).isEqualTo(5);
        List<String> left = jdbc.sql("select action from audit_entry where workspace_id = ? order by sequence")
            .param(workspace.value())
            .query(String.class)
            .list();
        assertThat(left).containsExactly("audit.retention_purged");
        assertThat(log.verify(workspace)).extracting(ChainVerification::intact, ChainVerification::entries)
            .containsExactly(true, 1L);
        asDatabaseOwner(db -> db.sql("update audit_entry set details = '{}' where workspace_id = ?")
            .param(workspace.value())
            .update());
        assertThat(log.verify(workspace)).extracting(ChainVerification::intact, ChainVerification::firstBroken)
            .containsExactly(false, 6L);
    }

    @Test
    void onPostgresTheApplicationCannotUpdateOrDeleteEntries() {
        if (!TestDatabase.isPostgres()) {
            return; // H2 has no trigger: the architecture test and the chain stand guard
                    // there
        }
        WorkspaceId workspace = workspaceWithFiveEntries();
        for (String statement : List.of("update audit_entry set action = 'x' where workspace_id = ?",
                "delete from audit_entry where workspace_id = ?")) {
            assertThatThrownBy(() -> transactions
                .executeWithoutResult(status -> jdbc.sql(statement).param(workspace.value()).update()))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        }
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> jdbc.sql("truncate audit_entry").update()))
            .isInstanceOf(DataAccessException.class);
        assertThat(log.verify(workspace).intact()).isTrue();
    }

    @Test
    void theVerifyCommandReportsIntactOrTheFirstBrokenLink() {
        WorkspaceId workspace = workspaceWithFiveEntries();
        assertThat(runVerify(workspace)).startsWith("0:").contains("workspace " + workspace + ": intact (5 entries");
        asDatabaseOwner(db -> db.sql("delete from audit_entry where workspace_id = ? and sequence = 2")
            .param(workspace.value())
            .update());
        assertThat(runVerify(workspace)).startsWith("1:").contains("BROKEN at entry 2");
    }

    /**
     * {@code audit verify <workspace>} as the operator runs it, against this test's
     * database; "exit code:output".
     */
    private String runVerify(WorkspaceId workspace) {
        Environment env = context.getEnvironment();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext command = new SpringApplicationBuilder(ConfidantApplication.class)
            .web(WebApplicationType.NONE)
            .properties("confidant.audit-command=true", "confidant.test.own-embedded-database=true",
                    "spring.main.banner-mode=off")
            .run("audit", "verify", workspace.toString(),
                    "--confidant.data-dir=" + env.getProperty("confidant.data-dir"),
                    "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                    "--spring.datasource.username=" + env.getProperty("spring.datasource.username"),
                    "--spring.datasource.password=" + env.getProperty("spring.datasource.password", ""))) {
            return SpringApplication.exit(command) + ":" + captured.toString(StandardCharsets.UTF_8);
        }
        finally {
            System.setOut(original);
        }
    }

    /**
     * Someone with the database's credentials: on PostgreSQL they can open the trigger's
     * gate, as its owner can.
     */
    private void asDatabaseOwner(Consumer<JdbcClient> statements) {
        transactions.executeWithoutResult(status -> {
            if (TestDatabase.isPostgres()) {
                jdbc.sql("select set_config('" + AuditTableGuard.GATE + "', 'on', true)").query(String.class).single();
            }
            statements.accept(jdbc);
        });
    }

    private WorkspaceId workspaceWithFiveEntries() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Chained");
        // setting the workspace up and adding the agent are recorded too; scope changes
        // make up the rest
        long recorded = log.verify(owner.workspaceId()).entries();
        assertThat(recorded).isLessThan(5);
        for (int i = 0; i < 5 - recorded; i++) {
            context.getBean(AccessManagement.class)
                .setScope(fixtures.grants(owner), agent.id(),
                        i % 2 == 0 ? ConversationScope.ASSIGNED : ConversationScope.INBOXES);
        }
        assertThat(log.verify(owner.workspaceId()).entries()).isEqualTo(5);
        return owner.workspaceId();
    }

}
