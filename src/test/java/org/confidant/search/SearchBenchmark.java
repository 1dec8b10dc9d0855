package org.confidant.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.confidant.ConfidantApplication;
import org.confidant.Fixtures;
import org.confidant.IntegrationTestConfiguration;
import org.confidant.access.Grants;
import org.confidant.contact.ContactManagement;
import org.confidant.crypto.BlindIndex;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.ContactId;
import org.confidant.shared.WorkspaceId;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Search over a large workspace: the index of {@code N} messages (default 1,000,000), 20
 * per conversation in two inboxes, each message 8 words drawn from a 30,000-word
 * vocabulary with Zipf's law (s = 1, as natural language roughly is), loaded in JDBC
 * batches exactly as the index stores them (one row per distinct word of a conversation,
 * tokens made with the workspace's real index key); then 200 queries of 1 to 3 words
 * drawn from the same law (so common words are searched often) run through
 * {@link SearchManagement#search} as the owner (scope: everything) and as an agent of one
 * inbox, and p50, p95 and max are printed. Runs on a fresh embedded database (or the
 * suite's PostgreSQL when {@code CONFIDANT_TEST_POSTGRES_*} is set). Run: see
 * BENCHMARKS.md.
 */
public final class SearchBenchmark {

    private static final int PER_CONVERSATION = 20;

    private static final int WORDS_PER_MESSAGE = 8;

    private static final int VOCABULARY = 30_000;

    private static final int CONVERSATIONS_PER_LOAD = 500;

    private static final int QUERIES = 200;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : 1_000_000;
        Path dataDir = Files.createTempDirectory("confidant-search-bench");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ConfidantApplication.class,
                IntegrationTestConfiguration.class)
            .web(WebApplicationType.NONE)
            .run("--confidant.data-dir=" + dataDir, "--confidant.test.own-embedded-database=true",
                    "--logging.level.root=WARN")) {
            Fixtures fixtures = app.getBean(Fixtures.class);
            Member owner = fixtures.workspaceWithOwner();
            Inbox inboxA = fixtures.liveInbox(owner, "bench-a.example");
            Inbox inboxB = fixtures.liveInbox(owner, "bench-b.example");
            Member agent = fixtures.agent(owner, "Bench Agent");
            fixtures.joinInbox(owner, inboxA.id(), agent);
            WorkspaceId workspace = owner.workspaceId();
            ContactManagement contacts = app.getBean(ContactManagement.class);
            BlindIndex blindIndex = app.getBean(BlindIndex.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Random random = new Random(18);
            Zipf zipf = new Zipf(VOCABULARY, random);
            byte[][] tokens = new byte[VOCABULARY][];
            for (int w = 0; w < VOCABULARY; w++) {
                tokens[w] = Arrays.copyOf(blindIndex.of(workspace, "search.word", word(w)),
                        SearchManagement.TOKEN_BYTES);
            }

            long loadStarted = System.nanoTime();
            int conversations = total / PER_CONVERSATION;
            long rows = 0;
            Instant start = Instant.now().minusSeconds(conversations);
            for (int first = 0; first < conversations; first += CONVERSATIONS_PER_LOAD) {
                Inbox inbox = (first / CONVERSATIONS_PER_LOAD) % 2 == 0 ? inboxA : inboxB;
                ContactId contact = contacts.createVisitor(workspace, inbox.id(), "192.0.2.1").id();
                List<Object[]> conversationRows = new ArrayList<>();
                List<Object[]> scopeRows = new ArrayList<>();
                List<Object[]> tokenRows = new ArrayList<>();
                for (int c = first; c < Math.min(conversations, first + CONVERSATIONS_PER_LOAD); c++) {
                    UUID conversation = UUID.randomUUID();
                    Timestamp at = Timestamp.from(start.plusSeconds(c));
                    conversationRows.add(new Object[] { conversation, workspace.value(), inbox.id().value(),
                            contact.value(), PER_CONVERSATION, at, at });
                    scopeRows
                        .add(new Object[] { conversation, workspace.value(), inbox.id().value(), contact.value(), at });
                    Set<Integer> words = new HashSet<>();
                    for (int i = 0; i < PER_CONVERSATION * WORDS_PER_MESSAGE; i++) {
                        words.add(zipf.next());
                    }
                    for (int w : words) {
                        tokenRows.add(new Object[] { workspace.value(), tokens[w], conversation });
                    }
                }
                jdbc.batchUpdate(
                        "insert into conversation (id, workspace_id, inbox_id, contact_id, status, last_seq, "
                                + "last_message_at, created_at) values (?, ?, ?, ?, 'OPEN', ?, ?, ?)",
                        conversationRows);
                jdbc.batchUpdate(
                        "insert into search_conversation (conversation_id, workspace_id, inbox_id, contact_id, "
                                + "last_activity_at) values (?, ?, ?, ?, ?)",
                        scopeRows);
                jdbc.batchUpdate("insert into search_token (workspace_id, token, conversation_id) values (?, ?, ?)",
                        tokenRows);
                rows += tokenRows.size();
            }
            double loaded = (System.nanoTime() - loadStarted) / 1e9;
            System.out.printf("search.loaded %d messages' index: %d conversations, %d token rows in %.1f s%n", total,
                    conversations, rows, loaded);

            SearchManagement search = app.getBean(SearchManagement.class);
            List<String> queries = new ArrayList<>();
            for (int q = 0; q < QUERIES; q++) {
                int words = 1 + random.nextInt(3);
                StringBuilder query = new StringBuilder();
                for (int i = 0; i < words; i++) {
                    query.append(i == 0 ? "" : " ").append(word(zipf.next()));
                }
                queries.add(query.toString());
            }
            for (String query : queries.subList(0, 20)) {
                search.search(fixtures.grants(owner), query, 1); // warm-up
            }
            for (var who : List.of(new Searcher("owner (every conversation)", fixtures.grants(owner)),
                    new Searcher("agent of one inbox", fixtures.grants(agent)))) {
                long[] nanos = new long[QUERIES];
                long hits = 0;
                for (int q = 0; q < QUERIES; q++) {
                    long started = System.nanoTime();
                    hits += search.search(who.grants(), queries.get(q), 1).hits().size();
                    nanos[q] = System.nanoTime() - started;
                }
                Arrays.sort(nanos);
                System.out.printf(
                        "search.%s %d queries of 1-3 words: p50 %.1f ms, p95 %.1f ms, max %.1f ms, "
                                + "%.1f hits per query (page of 20)%n",
                        who.name(), QUERIES, nanos[QUERIES / 2] / 1e6, nanos[(int) Math.ceil(QUERIES * 0.95) - 1] / 1e6,
                        nanos[QUERIES - 1] / 1e6, (double) hits / QUERIES);
            }
        }
    }

    private record Searcher(String name, Grants grants) {
    }

    /** The w-th word of the vocabulary: "w" and its number in base 26, e.g. "wbq". */
    private static String word(int w) {
        StringBuilder word = new StringBuilder("w");
        int n = w;
        do {
            word.append((char) ('a' + n % 26));
            n /= 26;
        }
        while (n > 0);
        return word.toString();
    }

    /** Ranks 0..n-1 with probability proportional to 1 / (rank + 1). */
    private static final class Zipf {

        private final double[] cumulative;

        private final Random random;

        Zipf(int n, Random random) {
            this.random = random;
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= sum;
            }
        }

        int next() {
            int found = Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(cumulative.length - 1, found >= 0 ? found : -found - 1);
        }

    }

}
