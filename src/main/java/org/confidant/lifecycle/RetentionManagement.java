package org.confidant.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.audit.AuditLog;
import org.confidant.inbox.InboxManagement;
import org.confidant.job.JobManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.shared.TypedConfirmation;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.Workspace;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retention policies ({@link Permission#RETENTION_MANAGE}): the workspace's, and an
 * inbox's own that replaces it for that inbox. Every window is checked before anything is
 * stored ({@code bad_retention} names the field); a change that lets anything go sooner
 * than before shows first how many conversations and files the purge would delete now,
 * and is stored only with the workspace's name typed as confirmation. Each change is
 * recorded ({@link RetentionChanged}).
 */
@NamedInterface("api")
@Service
public class RetentionManagement {

    /** How many purge runs the page lists. */
    public static final int RECENT_RUNS = 20;

    private final RetentionPolicies policies;

    private final RetentionPlanner planner;

    private final PurgeRuns runs;

    private final InboxManagement inboxes;

    private final WorkspaceManagement workspaces;

    private final AuditLog audit;

    private final JobManagement jobs;

    private final LifecycleSettings settings;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    RetentionManagement(RetentionPolicies policies, RetentionPlanner planner, PurgeRuns runs, InboxManagement inboxes,
            WorkspaceManagement workspaces, AuditLog audit, JobManagement jobs, LifecycleSettings settings,
            ApplicationEventPublisher events, Clock clock) {
        this.policies = policies;
        this.planner = planner;
        this.runs = runs;
        this.inboxes = inboxes;
        this.workspaces = workspaces;
        this.audit = audit;
        this.jobs = jobs;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The workspace's policies as the page shows them.
     *
     * @param workspace the workspace's policy, with its audit window (null: the
     * deployment's)
     * @param auditRetention how long the audit log is kept now
     * @param inboxes the inboxes with a policy of their own
     */
    public record Policies(RetentionPolicy workspace, Duration auditRetention, Map<InboxId, RetentionPolicy> inboxes,
            boolean forever) {
    }

    @Transactional(readOnly = true)
    public Policies policies(Grants viewer) {
        viewer.require(Permission.RETENTION_MANAGE);
        WorkspaceId workspace = viewer.workspaceId();
        RetentionPlanner.Effective effective = planner.current(workspace);
        RetentionPolicy own = effective.workspace();
        Integer auditDays = audit.ownRetention(workspace).map(days -> (int) days.toDays()).orElse(null);
        return new Policies(
                new RetentionPolicy(own.resolvedDays(), own.inactiveDays(), own.attachmentDays(),
                        own.orphanContactDays(), auditDays),
                audit.retention(workspace), effective.inboxes(), effective.forever());
    }

    /**
     * Whether the workspace keeps everything for ever (no window anywhere): the dashboard
     * says so in a banner to those who may change it.
     */
    @Transactional(readOnly = true)
    public boolean keepsEverythingForever(WorkspaceId workspaceId) {
        return planner.current(workspaceId).forever();
    }

    /** What the purge would delete now. */
    public record Preview(long conversations, long files) {
    }

    /** What {@link #change} did: stored, or waiting for the confirmation of a preview. */
    public record Change(boolean saved, Preview preview, String phrase) {
    }

    /**
     * Sets the workspace's policy ({@code inbox} null), an inbox's own, or, with
     * {@code policy} null, makes an inbox follow the workspace's again. When that lets
     * anything go sooner than before, nothing is stored unless {@code confirmation} is
     * the workspace's name: the answer then carries the preview and the phrase to type.
     * @throws Rejected {@code unknown_inbox} for an inbox the workspace does not have,
     * {@code bad_retention} for a workspace-only window on an inbox,
     * {@code confirmation_mismatch} for a wrong confirmation
     */
    @Transactional
    public Change change(Grants actor, InboxId inbox, RetentionPolicy policy, String confirmation) {
        actor.require(Permission.RETENTION_MANAGE);
        WorkspaceId workspace = actor.workspaceId();
        if (inbox != null && inboxes.find(workspace, inbox).isEmpty()) {
            throw new Rejected("unknown_inbox", "The field \"inbox\" names no inbox of this workspace.");
        }
        if (inbox != null && policy != null && (policy.orphanContactDays() != null || policy.auditDays() != null)) {
            throw new Rejected("bad_retention",
                    "The fields \"contacts\" and \"audit\" belong to the workspace's policy, not an inbox's.");
        }
        if (inbox == null && policy == null) {
            throw new Rejected("bad_retention", "The workspace's policy cannot be removed; leave windows empty.");
        }
        RetentionPlanner.Effective before = planner.current(workspace);
        RetentionPlanner.Effective after = before.with(inbox, policy);
        // the audit window compared as kept (an empty one is the deployment's, not for
        // ever)
        RetentionPolicy previous = inbox == null ? withAudit(before.workspace(), audit.retention(workspace))
                : before.of(inbox);
        RetentionPolicy next = inbox == null
                ? withAudit(policy,
                        policy.auditDays() == null ? audit.defaultRetention() : Duration.ofDays(policy.auditDays()))
                : after.of(inbox);
        if (next.shorterThan(previous)) {
            Workspace named = workspaces.find(workspace).orElseThrow(() -> new NotFound("workspace"));
            if (confirmation == null || confirmation.isBlank()) {
                RetentionPlanner.Preview preview = planner.preview(workspace, after, Timestamps.now(clock),
                        settings.purgeBatch());
                return new Change(false, new Preview(preview.conversations(), preview.files()), named.name());
            }
            TypedConfirmation.require(named.name(), confirmation);
        }
        if (policy == null) {
            policies.remove(workspace, inbox);
        }
        else {
            policies.save(workspace, inbox, policy, actor.memberId(), Timestamps.now(clock));
        }
        if (inbox == null) {
            audit.changeRetention(workspace, policy.auditDays());
        }
        events.publishEvent(new RetentionChanged(workspace, actor.memberId(), inbox, policy));
        return new Change(true, null, null);
    }

    /**
     * What the purge would delete now under the current policies (the page shows it with
     * the policies).
     */
    @Transactional(readOnly = true)
    public Preview due(Grants viewer) {
        viewer.require(Permission.RETENTION_MANAGE);
        RetentionPlanner.Preview preview = planner.preview(viewer.workspaceId(), planner.current(viewer.workspaceId()),
                Timestamps.now(clock), settings.purgeBatch());
        return new Preview(preview.conversations(), preview.files());
    }

    /** The last purge runs that deleted anything, newest first. */
    @Transactional(readOnly = true)
    public List<PurgeRun> recentRuns(Grants viewer) {
        viewer.require(Permission.RETENTION_MANAGE);
        return runs.recent(viewer.workspaceId(), RECENT_RUNS);
    }

    /** When the purge last ran and runs next, for the whole deployment. */
    public JobManagement.RecurringStatus purgeSchedule() {
        return jobs.recurringStatus("lifecycle.purge");
    }

    private static RetentionPolicy withAudit(RetentionPolicy policy, Duration auditKept) {
        return new RetentionPolicy(policy.resolvedDays(), policy.inactiveDays(), policy.attachmentDays(),
                policy.orphanContactDays(), (int) Math.max(AuditLog.MIN_RETENTION.toDays(),
                        Math.min(RetentionPolicy.MAX_DAYS, auditKept.toDays())));
    }

}
