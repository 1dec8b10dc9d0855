package org.confidant.job;

import java.time.Clock;
import java.time.Duration;

import org.confidant.shared.Timestamps;
import org.confidant.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Forgets jobs that finished longer ago than {@code confidant.jobs.keep-finished}, every
 * hour, on one node. What a job made (its result) belongs to its kind's module, which
 * keeps or removes it on its own terms.
 */
@Component
class JobHistoryPurge implements RecurringWork {

    private static final Logger log = LoggerFactory.getLogger(JobHistoryPurge.class);

    private final Jobs jobs;

    private final JobSettings settings;

    private final Clock clock;

    JobHistoryPurge(Jobs jobs, JobSettings settings, Clock clock) {
        this.jobs = jobs;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "jobs.history-purge";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int removed = Tenancy.system("the jobs history purge looks through every workspace's finished jobs",
                () -> jobs.deleteFinishedBefore(Timestamps.now(clock).minus(settings.keepFinished())));
        if (removed > 0) {
            log.info("Jobs: forgot {} jobs that finished more than {} ago", removed, settings.keepFinished());
        }
    }

}
