/**
 * Jobs: long work of a workspace (a purge, an export, an erasure, a re-encryption, later
 * backups and imports) run as a persisted job, step by step, on exactly one node at a
 * time, resumed from its last committed checkpoint after a crash, with kind, requester,
 * state, progress (done of total), timings, an error summary and a result reference that
 * the pages show live; and recurring sweepers that run on one node at a time. Other
 * modules implement a {@link org.confidant.job.JobKind} or a
 * {@link org.confidant.job.RecurringWork} and submit jobs through
 * {@link org.confidant.job.JobManagement}; how a step is fenced, resumed and committed is
 * told on {@link org.confidant.job.JobRunner} and in {@code docs/adr/jobs.md}.
 */
@ApplicationModule(displayName = "Jobs",
        allowedDependencies = { "access::api", "identity::api", "tenancy::api", "workspace::api" })
@NullMarked
package org.confidant.job;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
