/**
 * Jobs: long work of a workspace (a purge, an export, an erasure, a re-encryption, later backups and imports) run as
 * a persisted job, step by step, on exactly one node at a time, resumed from its last committed checkpoint after a
 * crash, with kind, requester, state, progress (done of total), timings, an error summary and a result reference that
 * the pages show live; and recurring sweepers that run on one node at a time. Other modules implement a
 * {@link org.confidant.job.JobKind} (a name, the permission that lets members see its jobs, and a step) or a
 * {@link org.confidant.job.RecurringWork}, and submit jobs through {@link org.confidant.job.JobManagement}. Underneath
 * is db-scheduler on the application's own database ({@code scheduled_tasks}: one execution per job, picked by one
 * node, revived when that node's heartbeats stop); the {@code jobs} table is the record the pages read. Each step runs
 * in the job's workspace and commits its writes, checkpoint and progress in one transaction, fenced by the attempt
 * that claimed the job, so a node that lost the job changes nothing; the result becomes visible only in the
 * transaction that marks the job succeeded, so a half-made result is never served. Submitting and finishing are
 * audited. See {@code docs/adr/jobs.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Jobs",
        allowedDependencies = {"shared", "tenancy", "access", "identity", "workspace", "api"})
package org.confidant.job;
