package org.confidant.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.confidant.TestDatabase;
import org.confidant.access.AccessManagement;
import org.confidant.access.ConversationScope;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.privacy.CardReplacement;
import org.confidant.privacy.ConsentMode;
import org.confidant.privacy.PrivacyManagement;
import org.confidant.privacy.VisitorStorage;
import org.confidant.workspace.IpMode;
import org.confidant.alert.AlertManagement;
import org.confidant.alert.AlertRule;
import org.confidant.alert.AlertTestSamples;
import org.confidant.alert.ChannelKind;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.PostResult;
import org.confidant.identity.Member;
import org.confidant.identity.NotificationPreferenceManagement;
import org.confidant.identity.NotificationPreferences;
import org.confidant.identity.Role;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.inbox.VisitorIdentityTokens;
import org.confidant.job.JobTestSamples;
import org.confidant.lifecycle.ExportManagement;
import org.confidant.lifecycle.LegalHold;
import org.confidant.lifecycle.LegalHoldManagement;
import org.confidant.lifecycle.RetentionManagement;
import org.confidant.lifecycle.RetentionPolicy;
import org.confidant.shared.WorkspaceId;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.conversation.LabelColour;
import org.confidant.conversation.LabelManagement;
import org.confidant.reply.SavedReplyManagement;
import org.confidant.routing.InboxRouting;
import org.confidant.routing.MemberStatus;
import org.confidant.routing.RoutingManagement;

/**
 * Row-level security, the second wall between workspaces, attacked on PostgreSQL (the
 * only database that has it; the H2 run excludes this class in pom.xml, the PostgreSQL
 * run always includes it). Two workspaces are filled with real data through the product's
 * services; then statements that "forget" their workspace filter run in one workspace's
 * scope, with no scope at all, and on connections the pool hands out again.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "confidant.test.database", matches = "postgres")
class RowLevelSecurityPostgresTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Flyway flyway;

    Member ownerA;

    Member ownerB;

    @BeforeEach
    void twoWorkspacesWithData() {
        ownerA = filledWorkspace();
        ownerB = filledWorkspace();
    }

    /**
     * A workspace with a row in every tenant table: members, scope, override, inbox,
     * visitor, conversation...
     */
    private Member filledWorkspace() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Agent");
        Grants grants = fixtures.grants(owner);
        Inbox inbox = fixtures.liveInbox(owner, "shop.test");
        context.getBean(VisitorIdentityTokens.class).addSharedSecret(grants, inbox.id(), "site-key");
        fixtures.joinInbox(owner, inbox.id(), agent);
        AccessManagement access = context.getBean(AccessManagement.class);
        access.setScope(grants, agent.id(), ConversationScope.ASSIGNED);
        access.setOverride(grants, agent.id(), Permission.CONVERSATIONS_READ_ALL, false);
        access.invite(grants, Role.AGENT);
        VisitorSession visitor = context.getBean(VisitorSessions.class)
            .open(inbox.id(), null, Fixtures.HOST, null, "203.0.113.9", null);
        ConversationManagement conversations = context.getBean(ConversationManagement.class);
        PostResult first = conversations.postFromVisitor(owner.workspaceId(), inbox.id(), visitor.contactId(), "v-1",
                "Where is my parcel?");
        conversations.postFromAgent(grants, first.message().conversationId(), "a-1", "On its way.");
        conversations.addNote(grants, first.message().conversationId(), "n-1", "Refund approved.");
        context.getBean(AttachmentManagement.class)
            .uploadFromAgent(grants, first.message().conversationId(), "label.txt",
                    new ByteArrayInputStream("Parcel label".getBytes(StandardCharsets.UTF_8)));
        // stored as it is: the test application's egress allowlist is empty
        AlertTestSamples.storedWebhook(context, grants.workspaceId(), ChannelKind.SIGNED_WEBHOOK,
                "https://hooks.example.com/rls");
        PrivacyManagement privacy = context.getBean(PrivacyManagement.class);
        privacy.setCardReplacement(grants, CardReplacement.MASKED);
        // whole addresses, so that blocking Grace (who has no session) blocks her address
        privacy.setIpMode(grants, IpMode.FULL);
        privacy.addRule(grants, "Order", "ORD-[0-9]{6}");
        privacy.setInboxPrivacy(grants, inbox.id(), ConsentMode.OFF, VisitorStorage.MEMORY, "We keep chats 30 days.",
                null);
        context.getBean(AlertManagement.class).setRule(grants, AlertRule.values()[0], false);
        context.getBean(SavedReplyManagement.class)
            .add(grants, SavedReplyManagement.Scope.WORKSPACE, "thanks", "Thanks, {{contact.name}}!");
        RoutingManagement routing = context.getBean(RoutingManagement.class);
        routing.configure(grants, new InboxRouting(inbox.id(), false, 6));
        routing.setStatus(fixtures.grants(agent), MemberStatus.AWAY);
        LabelManagement labels = context.getBean(LabelManagement.class);
        labels.apply(grants, first.message().conversationId(), labels.add(grants, "billing", LabelColour.BLUE).id());
        Contact grace = context.getBean(ContactManagement.class)
            .verifiedVisitor(owner.workspaceId(), inbox.id(), "customer-1", "Grace", null, "203.0.113.10");
        // blocked: her address is refused to new visitors (the first visitor keeps a
        // session)
        context.getBean(ContactManagement.class).setBlocked(owner.workspaceId(), grace.id(), owner.id(), true);
        // rows other modules write only later or through an outside party (a raised alert
        // and its delivery, failed
        // sign-ins counted for a burst, a provider whose discovery needs a real issuer,
        // the security policy)
        UUID workspace = owner.workspaceId().value();
        UUID alert = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        TestDatabase.allRows(() -> {
            // a consent is recorded only in the transaction that creates its contact
            jdbc.sql("insert into consent_record (id, workspace_id, contact_id, inbox_id, kind, notice_version, "
                    + "given_at) values (?, ?, ?, ?, 'EXPLICIT', 1, ?)")
                .params(UUID.randomUUID(), workspace, visitor.contactId().value(), inbox.id().value(), now)
                .update();
            jdbc.sql("insert into alert_sign_in_failure (workspace_id, failed_at) values (?, ?)")
                .params(workspace, now)
                .update();
            jdbc.sql(
                    "insert into alert (id, workspace_id, rule, raised_at, content) values (?, ?, 'key_rotated', ?, ?)")
                .params(alert, workspace, now, new byte[] { 1 })
                .update();
            jdbc.sql(
                    "insert into alert_delivery (id, workspace_id, alert_id, channel_id, status, attempts, created_at) "
                            + "select ?, ?, ?, id, 'FAILED', 1, ? from alert_channel where workspace_id = ?")
                .params(UUID.randomUUID(), workspace, alert, now, workspace)
                .update();
            jdbc.sql("insert into workspace_security (workspace_id, two_factor_required, idle_timeout_seconds, "
                    + "absolute_lifetime_seconds) values (?, false, 1800, 43200)")
                .param(workspace)
                .update();
            return jdbc
                .sql("insert into sso_provider (id, workspace_id, issuer, client_id, client_secret, default_role, "
                        + "sso_required, created_at) values (?, ?, 'https://idp.example', 'rls', ?, 'AGENT', false, ?)")
                .params(UUID.randomUUID(), workspace, new byte[] { 1 }, now)
                .update();
        });
        fixtures.apiTokenWithAllOf(owner);
        context.getBean(NotificationPreferenceManagement.class)
            .change(owner.workspaceId(), agent.id(), NotificationPreferences.DEFAULTS);
        JobTestSamples.export(context, owner, 1, Duration.ZERO);
        // the data lifecycle: a policy, a hold, an export; a purge run and a receipt as
        // their
        // sweeper and job write them
        String name = context.getBean(WorkspaceManagement.class).find(owner.workspaceId()).orElseThrow().name();
        context.getBean(RetentionManagement.class)
            .change(grants, null, new RetentionPolicy(3650, null, null, null, null), name);
        context.getBean(LegalHoldManagement.class)
            .place(grants, LegalHold.Kind.CONVERSATION, first.message().conversationId().toString());
        context.getBean(ExportManagement.class).exportWorkspace(grants);
        TestDatabase.allRows(() -> {
            jdbc.sql("insert into purge_run (id, workspace_id, started_at, finished_at, conversations, messages, "
                    + "attachments, contacts) values (?, ?, ?, ?, 1, 2, 0, 0)")
                .params(UUID.randomUUID(), workspace, now, now)
                .update();
            return jdbc
                .sql("insert into erasure_receipt (id, workspace_id, job_id, requested_by, created_at, receipt) "
                        + "values (?, ?, ?, ?, ?, 'x.y.z')")
                .params(UUID.randomUUID(), workspace, UUID.randomUUID(), owner.id().value(), now)
                .update();
        });
        return owner;
    }

    @Test
    void anUnfilteredQueryInOneWorkspaceSeesOnlyThatWorkspacesRowsInEveryTenantTable() {
        List<String> tables = tenantTables();
        assertThat(tables).contains("member", "one_time_link", "inbox", "contact", "visitor_session",
                "visitor_address_block", "conversation", "message", "conversation_read", "member_scope",
                "member_permission_override", "inbox_member", "api_token", "jobs", "retention_policy", "legal_hold",
                "purge_run", "erasure_receipt", "data_export");

        Tenancy.run(ownerA.workspaceId(), () -> {
            for (String table : tables) {
                List<UUID> workspaces = jdbc.sql("select workspace_id from " + table).query(UUID.class).list();
                assertThat(workspaces).as(table).isNotEmpty().containsOnly(ownerA.workspaceId().value());
            }
            assertThat(jdbc.sql("select id from workspace").query(UUID.class).list())
                .containsExactly(ownerA.workspaceId().value());
            assertThat(jdbc.sql("select count(*) from message where workspace_id = ?")
                .param(ownerB.workspaceId().value())
                .query(Long.class)
                .single()).isZero();
        });
        // and the rows are there: the system scope sees both workspaces
        Tenancy.system("the test counts every workspace's rows", () -> {
            assertThat(jdbc.sql("select count(distinct workspace_id) from message where workspace_id in (?, ?)")
                .params(ownerA.workspaceId().value(), ownerB.workspaceId().value())
                .query(Long.class)
                .single()).isEqualTo(2);
        });
    }

    @Test
    void inOneWorkspaceAnotherWorkspacesRowsCanBeNeitherWrittenNorChangedNorMovedInto() {
        WorkspaceId a = ownerA.workspaceId();
        WorkspaceId b = ownerB.workspaceId();
        Tenancy.run(a, () -> {
            assertThat(jdbc.sql("update conversation set status = 'RESOLVED' where workspace_id = ?")
                .param(b.value())
                .update()).as("B's rows are invisible to an update").isZero();
            assertThat(jdbc.sql("delete from message where workspace_id = ?").param(b.value()).update()).isZero();
            assertThatThrownBy(
                    () -> jdbc.sql("insert into inbox (id, workspace_id, name, created_at) values (?, ?, ?, ?)")
                        .params(UUID.randomUUID(), b.value(), "planted", OffsetDateTime.now())
                        .update())
                .rootCause()
                .hasMessageContaining("violates row-level security policy");
            assertThatThrownBy(() -> jdbc.sql("update inbox set workspace_id = ? where workspace_id = ?")
                .params(b.value(), a.value())
                .update()).rootCause().hasMessageContaining("violates row-level security policy");
        });
        Tenancy.system("the test checks that nothing changed", () -> {
            assertThat(jdbc.sql("select count(*) from conversation where workspace_id = ? and status = 'RESOLVED'")
                .param(b.value())
                .query(Long.class)
                .single()).isZero();
            assertThat(jdbc.sql("select count(*) from message where workspace_id = ?")
                .param(b.value())
                .query(Long.class)
                .single()).as("the visitor's, the agent's and the file's").isEqualTo(3);
            assertThat(jdbc.sql("select count(*) from inbox where name = 'planted'").query(Long.class).single())
                .isZero();
        });
    }

    @Test
    void withNoScopeEveryTenantTableIsEmpty() {
        assertThat(Tenancy.current()).isNull();
        for (String table : tenantTables()) {
            assertThat(jdbc.sql("select count(*) from " + table).query(Long.class).single()).as(table).isZero();
        }
        assertThat(jdbc.sql("select count(*) from workspace").query(Long.class).single()).isZero();
    }

    @Test
    void aConnectionBackInThePoolCarriesNoWorkspaceIntoItsNextUse() throws Exception {
        int backend = Tenancy.run(ownerA.workspaceId(), () -> {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select pg_backend_pid(), count(*) from conversation")) {
                rs.next();
                assertThat(rs.getLong(2)).isEqualTo(1);
                return rs.getInt(1);
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // the very connection A used, taken from the pool itself (past the application's
        // wrapper)
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> held = new ArrayList<>();
        try {
            boolean found = false;
            for (int i = 0; i < pool.getMaximumPoolSize() && !found; i++) {
                Connection connection = pool.getConnection();
                held.add(connection);
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement
                            .executeQuery("select pg_backend_pid(), current_setting('confidant.workspace_id', true),"
                                    + " current_setting('confidant.system', true), (select count(*) from conversation)")) {
                    rs.next();
                    if (rs.getInt(1) == backend) {
                        found = true;
                        assertThat(rs.getString(2)).as("workspace setting").isNullOrEmpty();
                        assertThat(rs.getString(3)).as("system setting").isNotEqualTo("on");
                        assertThat(rs.getLong(4)).as("rows it sees").isZero();
                    }
                }
            }
            assertThat(found).as("A's connection came back to the pool").isTrue();
        }
        finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        // and through the application, the next use without a scope sees nothing
        assertThat(jdbc.sql("select count(*) from conversation").query(Long.class).single()).isZero();
    }

    @Test
    void everyTenantTableHasRowLevelSecurityEnabledForcedAndItsPolicyIncludingTablesAddedLater() throws Exception {
        String probe = "rls_probe_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("create table " + probe + " (id uuid primary key, workspace_id uuid not null)").update();
        try {
            // a transaction of a running node reads a covered table meanwhile: a start
            // must not need that table's
            // exclusive lock (it would wait for the reader, and could deadlock with one
            // reading two tables)
            try (Connection reader = dataSource.getConnection()) {
                reader.setAutoCommit(false);
                try (Statement statement = reader.createStatement()) {
                    statement.executeQuery("select count(*) from conversation").close();
                }
                // nothing pending: only the afterMigrate callback runs
                CompletableFuture<Void> start = CompletableFuture.runAsync(flyway::migrate);
                try {
                    start.get(30, TimeUnit.SECONDS);
                }
                finally {
                    reader.rollback();
                    start.get(30, TimeUnit.SECONDS);
                }
            }
            List<String> tables = new ArrayList<>(tenantTables());
            tables.add("workspace");
            assertThat(tables).contains(probe);
            for (String table : tables) {
                var row = jdbc
                    .sql("""
                            select c.relrowsecurity, c.relforcerowsecurity,
                                   (select count(*) from pg_policies p
                                     where p.schemaname = current_schema() and p.tablename = c.relname
                                       and p.policyname = 'tenant_isolation' and p.cmd = 'ALL'
                                       and p.qual like '%confidant.workspace_id%' and p.with_check like '%confidant.system%')
                              from pg_class c where c.relname = ? and c.relnamespace = current_schema()::regnamespace
                            """)
                    .param(table)
                    .query()
                    .singleRow();
                assertThat(row.values()).as(table).containsExactly(true, true, 1L);
            }
            Tenancy.run(ownerA.workspaceId(), () -> {
                assertThatThrownBy(() -> jdbc.sql("insert into " + probe + " values (?, ?)")
                    .params(UUID.randomUUID(), ownerB.workspaceId().value())
                    .update()).rootCause().hasMessageContaining("violates row-level security policy");
            });
        }
        finally {
            jdbc.sql("drop table " + probe).update();
        }
    }

    /** Every table of the schema with a workspace_id column. */
    private List<String> tenantTables() {
        return jdbc.sql("""
                select c.table_name from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where c.table_schema = current_schema() and c.column_name = 'workspace_id'
                   and t.table_type = 'BASE TABLE'
                 order by c.table_name
                """).query(String.class).list();
    }

}
