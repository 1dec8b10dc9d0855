package org.confidant.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.confidant.ConfidantApplication;
import org.confidant.Fixtures;
import org.confidant.IntegrationTestConfiguration;
import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.job.Job;
import org.confidant.job.JobManagement;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.WorkspaceId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Confidant node in a JVM of its own, for {@link ExportKillIntegrationTests}: the
 * real application and a real workspace export, and a few lines on standard output for
 * the test to follow.
 *
 * <ul>
 * <li>{@code submit <conversations> <messages each> <files> <arguments...>}: makes a
 * workspace and its owner, loads it ({@link ExportTestSamples}, and {@code files} files
 * uploaded to its first conversations, file {@code n} reading {@code "file <n>"}),
 * requests its export and prints {@code EXPORT <workspace> <member> <export>};</li>
 * <li>{@code follow <workspace> <member> <export> <arguments...>}: only starts (the job
 * resumes by itself).</li>
 * </ul>
 * Both then print {@code PROGRESS <state> <done> <total>} whenever the job moves, and
 * {@code SERVED-EARLY} if the export could be opened for download before its job
 * succeeded (it is tried at every look); once the job has finished,
 * {@code FINISHED <state> <done> <total> <result>}; the node that saw it finish streams
 * the download into {@code <data folder>/export.zip}, prints {@code ZIP <path>} and
 * stops.
 */
public final class ExportNode {

    private ExportNode() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        boolean submit = args[0].equals("submit");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ConfidantApplication.class,
                IntegrationTestConfiguration.class)
            .run(Arrays.copyOfRange(args, 4, args.length));
        ExportManagement exports = app.getBean(ExportManagement.class);
        AccessManagement access = app.getBean(AccessManagement.class);
        Grants grants;
        String export;
        if (submit) {
            Fixtures fixtures = app.getBean(Fixtures.class);
            Member owner = fixtures.workspaceWithOwner();
            Inbox inbox = fixtures.liveInbox(owner, "export-kill.example");
            ExportTestSamples.load(app, owner, inbox, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            grants = fixtures.grants(owner);
            List<Conversation> conversations = app.getBean(ConversationManagement.class)
                .page(owner.workspaceId(), null, Integer.parseInt(args[3]));
            for (int n = 0; n < conversations.size(); n++) {
                app.getBean(AttachmentManagement.class)
                    .uploadFromAgent(grants, conversations.get(n).id(), "file-" + n + ".txt",
                            new ByteArrayInputStream(("file " + n).getBytes(StandardCharsets.UTF_8)));
            }
            export = exports.exportWorkspace(grants).export().id().toString();
            System.out.println("EXPORT " + owner.workspaceId() + " " + owner.id() + " " + export);
        }
        else {
            grants = access.grants(WorkspaceId.of(args[1]), MemberId.of(args[2])).orElseThrow();
            export = args[3];
        }
        JobManagement jobs = app.getBean(JobManagement.class);
        DataExport made = exports.mine(grants)
            .stream()
            .map(ExportManagement.ExportStatus::export)
            .filter(e -> e.id().toString().equals(export))
            .findFirst()
            .orElseThrow();
        String last = "";
        while (true) {
            Job seen = jobs.find(grants, made.jobId()).orElseThrow();
            String now = seen.state().code() + " " + seen.done() + " " + seen.total();
            if (seen.finished()) {
                System.out.println("FINISHED " + now + " " + seen.resultReference().orElse("-"));
                break;
            }
            try {
                exports.openOwn(grants, export);
                System.out.println("SERVED-EARLY " + now);
            }
            catch (NotFound refused) {
                // not ready: as it must be
            }
            if (!now.equals(last)) {
                System.out.println("PROGRESS " + now);
                last = now;
            }
            Thread.sleep(20);
        }
        Path zip = Path.of(app.getEnvironment().getRequiredProperty("confidant.data-dir")).resolve("export.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            exports.write(grants, exports.openOwn(grants, export), out);
        }
        System.out.println("ZIP " + zip);
        app.close();
        System.exit(0);
    }

}
