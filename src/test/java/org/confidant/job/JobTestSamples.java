package org.confidant.job;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.confidant.Fixtures;
import org.confidant.identity.Member;
import org.springframework.context.ApplicationContext;

/** Jobs for tests, submitted and watched through the product's own service. */
public final class JobTestSamples {

    private JobTestSamples() {
    }

    /**
     * A test export of {@code items} items, {@code perItem} each, asked for by the
     * member.
     */
    public static JobId export(ApplicationContext context, Member requester, int items, Duration perItem) {
        return context.getBean(JobManagement.class)
            .submit(context.getBean(Fixtures.class).grants(requester), ExportTestJob.KIND,
                    ExportTestJob.parameters(items, perItem));
    }

    /** The job as the member sees it (who must be able to). */
    public static Job job(ApplicationContext context, Member viewer, JobId id) {
        return context.getBean(JobManagement.class)
            .find(context.getBean(Fixtures.class).grants(viewer), id)
            .orElseThrow();
    }

    /**
     * Watches the job every 20 ms until {@code until} holds, and returns every state seen
     * on the way (the last one first holds it); fails after {@code timeout}.
     */
    public static List<Job> watch(ApplicationContext context, Member viewer, JobId id, Predicate<Job> until,
            Duration timeout) {
        List<Job> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Job job = job(context, viewer, id);
            seen.add(job);
            if (until.test(job)) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                fail("job " + id + " did not get there in " + timeout + "; last seen " + job);
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** {@link #watch} until the job has finished. */
    public static List<Job> untilFinished(ApplicationContext context, Member viewer, JobId id, Duration timeout) {
        return watch(context, viewer, id, Job::finished, timeout);
    }

}
