package org.confidant.job;

import java.time.Duration;
import java.util.Arrays;

import org.confidant.ConfidantApplication;
import org.confidant.Fixtures;
import org.confidant.IntegrationTestConfiguration;
import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.identity.Member;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Confidant node in a JVM of its own, for {@link JobKillIntegrationTests}: the real
 * application (with the test class path's export kind), and a few lines on standard
 * output for the test to follow.
 *
 * <ul>
 * <li>{@code submit <items> <millis> <arguments...>}: makes a workspace and its owner,
 * submits a test export and prints {@code JOB <workspace> <member> <job>};</li>
 * <li>{@code follow <workspace> <member> <job> <arguments...>}: only starts (the job
 * resumes by itself).</li>
 * </ul>
 * Both then print {@code PROGRESS <state> <done> <total>} whenever the job moves and,
 * once it has finished, {@code FINISHED <state> <done> <total> <result>}, and stop the
 * application.
 */
public final class JobNode {

    private JobNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean submit = args[0].equals("submit");
        int fixed = submit ? 3 : 4;
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ConfidantApplication.class,
                IntegrationTestConfiguration.class)
            .run(Arrays.copyOfRange(args, fixed, args.length));
        WorkspaceId workspace;
        MemberId member;
        JobId job;
        if (submit) {
            Member owner = app.getBean(Fixtures.class).workspaceWithOwner();
            job = JobTestSamples.export(app, owner, Integer.parseInt(args[1]),
                    Duration.ofMillis(Long.parseLong(args[2])));
            workspace = owner.workspaceId();
            member = owner.id();
            System.out.println("JOB " + workspace + " " + member + " " + job);
        }
        else {
            workspace = WorkspaceId.of(args[1]);
            member = MemberId.of(args[2]);
            job = JobId.of(args[3]);
        }
        Grants grants = app.getBean(AccessManagement.class).grants(workspace, member).orElseThrow();
        JobManagement jobs = app.getBean(JobManagement.class);
        String last = "";
        while (true) {
            Job seen = jobs.find(grants, job).orElseThrow();
            String now = seen.state().code() + " " + seen.done() + " " + seen.total();
            if (seen.finished()) {
                System.out.println("FINISHED " + now + " " + seen.resultReference().orElse("-"));
                break;
            }
            if (!now.equals(last)) {
                System.out.println("PROGRESS " + now);
                last = now;
            }
            Thread.sleep(20);
        }
        app.close();
        System.exit(0);
    }

}
