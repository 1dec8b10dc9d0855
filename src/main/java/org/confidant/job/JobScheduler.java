package org.confidant.job;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.confidant.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.WebApplicationContext;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * db-scheduler on the application's own data source (wrapped so that scheduling joins the
 * caller's transaction): one one-time task for every job, whose executions are named
 * {@code <workspace id>:<job id>} and hold no data, and one recurring task per
 * {@link RecurringWork} bean. Each execution is picked by one node (an optimistic,
 * versioned update of its row); the node's heartbeats keep it; when they stop for
 * {@link JobSettings#deadAfter()}, any node revives the execution and runs it again, and
 * the job resumes from its checkpoint.
 *
 * <p>
 * The scheduler starts once the application is up (migrations done) and stops first when
 * it shuts down: steps in flight finish, their jobs are handed back queued. The command
 * runs ({@code keys}, {@code audit}) do not start it.
 */
@Component
class JobScheduler implements SmartLifecycle {

    static final String TABLE = "scheduled_tasks";
    static final String JOB_TASK = "confidant.job";

    static final String RECURRING_PREFIX = "recurring.";

    /**
     * When running a job breaks down outside its steps (the database away), the execution
     * is tried again after this.
     */
    private static final Duration RETRY_DELAY = Duration.ofMinutes(1);

    private static final Duration DELETE_UNKNOWN_TASKS_AFTER = Duration.ofDays(14);

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final DataSource dataSource;

    private final JdbcCustomization jdbcCustomization;

    private final JobSettings settings;

    private final ObjectProvider<RecurringWork> recurringWork;

    private final JobKinds kinds;

    private final boolean serving;

    private final CustomTask<Void> jobTask;

    private final SchedulerClient client;

    private volatile Scheduler scheduler;

    JobScheduler(DataSource dataSource, JobSettings settings, JobRunner runner,
            ObjectProvider<RecurringWork> recurringWork, JobKinds kinds, ApplicationContext context) {
        this.dataSource = new TransactionAwareDataSourceProxy(dataSource);
        this.jdbcCustomization = new AutodetectJdbcCustomization(this.dataSource, true);
        this.settings = settings;
        this.recurringWork = recurringWork;
        this.kinds = kinds;
        this.serving = context instanceof WebApplicationContext;
        this.jobTask = Tasks.custom(JOB_TASK, Void.class)
            .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_DELAY))
            .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
            .execute((instance, execution) -> runner.run(instance.getId(), execution.getSchedulerState()));
        this.client = SchedulerClient.Builder.create(this.dataSource, jobTask)
            .tableName(TABLE)
            .jdbcCustomization(jdbcCustomization)
            .build();
    }

    /** The scheduler's name for a job's execution. */
    static String instanceId(WorkspaceId workspaceId, JobId jobId) {
        return workspaceId + ":" + jobId;
    }

    /**
     * Makes the job due now, in the caller's transaction: it is run only if that commits.
     * This node looks for it as soon as it has.
     */
    void schedule(WorkspaceId workspaceId, JobId jobId) {
        client.scheduleIfNotExists(jobTask.instance(instanceId(workspaceId, jobId)), Instant.now());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    lookForDueWork();
                }
            });
        }
        else {
            lookForDueWork();
        }
    }

    private void lookForDueWork() {
        Scheduler running = scheduler;
        if (running != null) {
            running.triggerCheckForDueExecutions();
        }
    }

    @Override
    public boolean isAutoStartup() {
        return serving;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        kinds.all(); // a misnamed or duplicate kind stops the start
        List<RecurringTask<Void>> sweepers = recurringTasks();
        Scheduler built = Scheduler.create(dataSource, List.of(jobTask))
            .startTasks(sweepers)
            .tableName(TABLE)
            .jdbcCustomization(jdbcCustomization)
            .schedulerName(new SchedulerName.Fixed(settings.nodeName()))
            .threads(settings.threads())
            .executorService(Executors.newFixedThreadPool(settings.threads(),
                    Thread.ofPlatform().name("confidant-job-", 1).factory()))
            .pollingInterval(settings.pollingInterval())
            .heartbeatInterval(settings.heartbeatInterval())
            .missedHeartbeatsLimit(settings.missedHeartbeats())
            .shutdownMaxWait(settings.shutdownWait())
            .deleteUnresolvedAfter(DELETE_UNKNOWN_TASKS_AFTER)
            .failureLogging(LogLevel.WARN, true)
            .build();
        built.start();
        scheduler = built;
        log.info("Jobs: node {} runs up to {} jobs and sweepers at once ({} sweepers)", settings.nodeName(),
                settings.threads(), sweepers.size());
    }

    private List<RecurringTask<Void>> recurringTasks() {
        Set<String> names = new HashSet<>();
        return recurringWork.orderedStream().map(work -> {
            if (!JobKinds.NAME.matcher(work.name()).matches() || !names.add(work.name())) {
                throw new IllegalStateException("recurring work needs a unique, well-formed name: " + work.name());
            }
            return Tasks.recurring(RECURRING_PREFIX + work.name(), Schedules.fixedDelay(work.interval()))
                .execute((instance, execution) -> work.run());
        }).toList();
    }

    @Override
    public synchronized void stop() {
        Scheduler running = scheduler;
        scheduler = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

}
