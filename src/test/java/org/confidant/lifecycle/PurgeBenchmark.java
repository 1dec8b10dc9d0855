package org.confidant.lifecycle;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.confidant.ConfidantApplication;
import org.confidant.Fixtures;
import org.confidant.IntegrationTestConfiguration;
import org.confidant.contact.ContactManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.ContactId;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The retention purge on a large workspace: {@code N} messages (default 1,000,000), 100
 * per resolved conversation, all past a one-year policy, loaded in JDBC batches (bodies
 * are random bytes of a typical ciphertext's size: the purge never decrypts); then the
 * purge runs as it does in production ({@code confidant.lifecycle.purge-batch}
 * conversations per transaction) until nothing is left, and the rate is printed. Runs on
 * a fresh embedded database. Run: see BENCHMARKS.md.
 */
public final class PurgeBenchmark {

    private static final int PER_CONVERSATION = 100;

    private static final int CONVERSATIONS_PER_LOAD = 100;

    private PurgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : 1_000_000;
        Path dataDir = Files.createTempDirectory("confidant-purge-bench");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ConfidantApplication.class,
                IntegrationTestConfiguration.class)
            .web(WebApplicationType.NONE)
            .run("--confidant.data-dir=" + dataDir, "--confidant.test.own-embedded-database=true",
                    "--logging.level.root=WARN", "--confidant.lifecycle.purge-interval=1d")) {
            Fixtures fixtures = app.getBean(Fixtures.class);
            Member owner = fixtures.workspaceWithOwner();
            Inbox inbox = fixtures.liveInbox(owner, "bench.example");
            WorkspaceId workspace = owner.workspaceId();
            ContactManagement contacts = app.getBean(ContactManagement.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofDays(400)));
            byte[] body = new byte[250];
            ThreadLocalRandom.current().nextBytes(body);

            long loadStarted = System.nanoTime();
            int conversations = total / PER_CONVERSATION;
            for (int first = 0; first < conversations; first += CONVERSATIONS_PER_LOAD) {
                ContactId contact = contacts.createVisitor(workspace, inbox.id(), "192.0.2.1").id();
                List<Object[]> conversationRows = new ArrayList<>();
                List<Object[]> messageRows = new ArrayList<>();
                for (int c = first; c < Math.min(conversations, first + CONVERSATIONS_PER_LOAD); c++) {
                    UUID conversation = UUID.randomUUID();
                    conversationRows.add(new Object[] { conversation, workspace.value(), inbox.id().value(),
                            contact.value(), PER_CONVERSATION, old, old, old });
                    for (int seq = 1; seq <= PER_CONVERSATION; seq++) {
                        messageRows.add(new Object[] { UUID.randomUUID(), workspace.value(), conversation, seq,
                                "m-" + seq, seq % 2 == 0 ? "AGENT" : "VISITOR", body, old });
                    }
                }
                jdbc.batchUpdate("insert into conversation (id, workspace_id, inbox_id, contact_id, status, last_seq, "
                        + "last_message_at, created_at, resolved_at) values (?, ?, ?, ?, 'RESOLVED', ?, ?, ?, ?)",
                        conversationRows);
                jdbc.batchUpdate("insert into message (id, workspace_id, conversation_id, seq, client_msg_id, "
                        + "author_kind, body, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)", messageRows);
            }
            double loaded = (System.nanoTime() - loadStarted) / 1e9;
            String name = app.getBean(WorkspaceManagement.class).find(workspace).orElseThrow().name();
            RetentionManagement.Change change = app.getBean(RetentionManagement.class)
                .change(fixtures.grants(owner), null, new RetentionPolicy(365, null, null, null, null), name);
            if (!change.saved()) {
                throw new IllegalStateException("the policy was not saved");
            }

            RetentionPurge purge = app.getBean(RetentionPurge.class);
            long started = System.nanoTime();
            long messages = 0;
            long deleted = 0;
            int runs = 0;
            while (true) {
                PurgeRun run = purge.purge(workspace, () -> true);
                runs++;
                if (run.conversations() == 0) {
                    break;
                }
                deleted += run.conversations();
                messages += run.messages();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long left = jdbc.queryForObject("select count(*) from message where workspace_id = ?", Long.class,
                    workspace.value());
            System.out.printf("purge.loaded %d messages in %d conversations in %.1f s%n", total, conversations, loaded);
            System.out.printf("purge.deleted %d messages, %d conversations in %.1f s (%d runs), %d messages left%n",
                    messages, deleted, seconds, runs, left);
            System.out.printf("purge.rate %.0f messages/s, %.0f conversations/s%n", messages / seconds,
                    deleted / seconds);
            System.out.printf("purge.heap_used_after %d MB%n",
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024));
        }
    }

}
