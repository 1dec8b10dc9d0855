package org.confidant.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.confidant.job.NodeDatabase;
import org.confidant.job.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} in the middle of a real workspace export: a Confidant node in a JVM of
 * its own ({@link ExportNode}) loads a workspace of {@value #CONVERSATIONS} conversations
 * of {@value #PER_CONVERSATION} messages and {@value #FILES} files, requests its export
 * and is killed ({@code destroyForcibly}) once the job has committed at least one page of
 * messages; another node starts on the same data folder and database. The job must resume
 * and finish, and the ZIP downloaded afterwards must be complete: every conversation and
 * message of the workspace exactly once, the manifest's counts those of its files, every
 * file present with its content. Until the job had succeeded, the export was never opened
 * for download by either node (they try at every look).
 */
class ExportKillIntegrationTests {

    private static final int CONVERSATIONS = 200;

    private static final int PER_CONVERSATION = 50;

    private static final int FILES = 25;

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(Process::destroyForcibly);
    }

    @Test
    void aWorkspaceExportKilledMidwayResumesOnTheNextNodeAndItsZipIsComplete() throws Exception {
        try (NodeDatabase database = NodeDatabase.in(dataDir)) {
            NodeProcess first = start(database, "first", "submit", Integer.toString(CONVERSATIONS),
                    Integer.toString(PER_CONVERSATION), Integer.toString(FILES));
            String[] submitted = first.await("EXPORT ").split(" ");
            String workspace = submitted[1];
            String export = submitted[3];
            // contacts and conversations written, and at least one page of messages
            long onePageOfMessages = CONVERSATIONS / 100 + CONVERSATIONS + WorkspaceExportJob.MESSAGES_PER_STEP;
            String progress = first.awaitMatching(line -> line.startsWith("PROGRESS running ")
                    && Long.parseLong(line.split(" ")[2]) >= onePageOfMessages);
            first.process.destroyForcibly();
            assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            long doneWhenKilled = Long.parseLong(progress.split(" ")[2]);

            JdbcClient db = database.jdbc();
            String job = db.sql("select job_id from data_export where id = ?")
                .param(UUID.fromString(export))
                .query(String.class)
                .single();
            Map<String, Object> killed = db.sql("select state, result from jobs where id = ?")
                .param(UUID.fromString(job))
                .query()
                .singleRow();
            assertThat(killed).as("killed mid-way, before the end")
                .containsEntry("state", "running")
                .containsEntry("result", null);
            database.release();

            NodeProcess second = start(database, "second", "follow", workspace, submitted[2], export);
            String finished = second.await("FINISHED ");
            long finishedAt = System.nanoTime();
            Path zipFile = Path.of(second.await("ZIP ").substring("ZIP ".length()));
            assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(finished).startsWith("FINISHED succeeded ");
            assertThat(first.all).as("never served before it was whole").noneMatch(l -> l.startsWith("SERVED-EARLY"));
            assertThat(second.all).as("never served before it was whole").noneMatch(l -> l.startsWith("SERVED-EARLY"));
            db = database.jdbc();
            assertThat(db.sql("select state, attempt, restarts from jobs where id = ?")
                .param(UUID.fromString(job))
                .query()
                .singleRow()).containsEntry("state", "succeeded")
                .containsEntry("attempt", 2)
                .containsEntry("restarts", 1);

            Map<String, byte[]> zip = unzip(zipFile);
            List<JsonNode> messages = lines(zip, "messages.jsonl");
            List<JsonNode> conversations = lines(zip, "conversations.jsonl");
            List<JsonNode> contacts = lines(zip, "contacts.jsonl");
            List<JsonNode> files = lines(zip, "files.jsonl");
            List<JsonNode> audit = lines(zip, "audit.jsonl");
            UUID workspaceId = UUID.fromString(workspace);

            List<String> storedMessages = db.sql("select conversation_id, seq from message where workspace_id = ?")
                .param(workspaceId)
                .query((rs, n) -> rs.getString(1) + "/" + rs.getLong(2))
                .list();
            assertThat(storedMessages).hasSize(CONVERSATIONS * PER_CONVERSATION + FILES);
            assertThat(messages.stream().map(m -> m.get("conversationId").asString() + "/" + m.get("seq").asLong()))
                .as("every message exactly once")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(storedMessages);
            assertThat(messages).filteredOn(m -> m.get("file").isNull())
                .hasSize(CONVERSATIONS * PER_CONVERSATION)
                .allSatisfy(m -> assertThat(m.get("text").asString())
                    .matches("message " + m.get("seq").asLong() + " of conversation \\d+"));
            List<String> storedConversations = db.sql("select id from conversation where workspace_id = ?")
                .param(workspaceId)
                .query(String.class)
                .list();
            assertThat(storedConversations).hasSize(CONVERSATIONS);
            assertThat(conversations.stream().map(c -> c.get("id").asString())).as("every conversation exactly once")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(storedConversations);
            assertThat(contacts.stream().map(c -> c.get("id").asString())).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(db.sql("select id from contact where workspace_id = ?")
                    .param(workspaceId)
                    .query(String.class)
                    .list());
            assertThat(files).hasSize(FILES).allSatisfy(file -> {
                String name = file.get("name").asString();
                byte[] content = zip.get(file.get("path").asString());
                assertThat(content).as(name).isNotNull();
                assertThat(new String(content, StandardCharsets.UTF_8))
                    .isEqualTo("file " + name.substring("file-".length(), name.length() - ".txt".length()));
            });
            assertThat(files.stream().map(f -> f.get("id").asString())).doesNotHaveDuplicates();
            assertThat(zip.keySet().stream().filter(n -> n.startsWith("attachments/"))).hasSize(FILES);
            List<Long> sequences = audit.stream().map(a -> a.get("sequence").asLong()).toList();
            assertThat(sequences).isSorted().doesNotHaveDuplicates().isNotEmpty();

            JsonNode manifest = JSON.readTree(zip.get("manifest.json"));
            assertThat(manifest.get("workspace").asString()).isEqualTo(workspace);
            assertThat(manifest.get("contacts").asLong()).isEqualTo(contacts.size());
            assertThat(manifest.get("conversations").asLong()).isEqualTo(conversations.size());
            assertThat(manifest.get("messages").asLong()).isEqualTo(messages.size());
            assertThat(manifest.get("files").asLong()).isEqualTo(files.size());
            assertThat(manifest.get("auditEntries").asLong()).isEqualTo(audit.size());
            assertThat(JSON.readTree(zip.get("workspace.json")).get("id").asString()).isEqualTo(workspace);
            System.out.printf(
                    "export kill -9 and resume: killed at %d items done of %d, finished on the next node "
                            + "%.1f s later (JVM start, Flyway, dead-node detection, the rest of the export)%n",
                    doneWhenKilled,
                    contacts.size() + conversations.size() + messages.size() + files.size() + audit.size(),
                    (finishedAt - killedAt) / 1e9);
        }
    }

    private static Map<String, byte[]> unzip(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(file); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertThat(entries).as("one entry per name").doesNotContainKey(entry.getName());
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static List<JsonNode> lines(Map<String, byte[]> zip, String name) {
        assertThat(zip).containsKey(name);
        return new String(zip.get(name), StandardCharsets.UTF_8).lines()
            .filter(line -> !line.isEmpty())
            .map(JSON::readTree)
            .toList();
    }

    private NodeProcess start(NodeDatabase database, String name, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        ExportNode.class.getName()));
        command.addAll(List.of(arguments));
        command.addAll(database.arguments());
        command.addAll(List.of("--server.port=0", "--confidant.jobs.node-name=" + name,
                "--confidant.jobs.polling-interval=200ms", "--confidant.jobs.heartbeat-interval=200ms",
                "--confidant.jobs.missed-heartbeats=4", "--logging.level.root=WARN"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        nodes.add(process);
        return new NodeProcess(process, Path.of("target", "export-kill-" + name + ".log"), TIMEOUT);
    }

}
