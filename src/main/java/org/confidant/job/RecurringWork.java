package org.confidant.job;

import java.time.Duration;

import org.springframework.modulith.NamedInterface;

/**
 * A sweeper that runs on one node of the deployment at a time, every {@link #interval()}
 * after its last run ended (a fixed delay), implemented as a Spring bean by the module
 * that owns the work: retention purges, expiry of links, and the like, instead of a
 * scheduled executor on every node. If the node running it dies, another runs it once the
 * dead node is noticed.
 *
 * <p>
 * {@link #run()} starts in no tenant scope: it chooses one
 * ({@code Tenancy.system("why", ...)} to look across workspaces, then
 * {@code Tenancy.run(workspace, ...)} for each). An exception is logged and the next run
 * comes at the usual time. Long work belongs in a job: a sweeper that finds work for a
 * workspace submits one.
 */
@NamedInterface("api")
public interface RecurringWork {

    /**
     * A stable, unique name (lower case, digits, dots, dashes), e.g.
     * {@code jobs.history-purge}.
     */
    String name();

    /** The wait between the end of one run and the start of the next. */
    Duration interval();

    void run();

}
