package org.confidant.api.web;

import java.time.Instant;

import org.confidant.api.ApiCaller;
import org.confidant.job.Job;
import org.confidant.job.JobId;
import org.confidant.job.JobManagement;
import org.confidant.shared.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API, version 1: a job's status, for the token's member when they may see the job
 * (its requester, or holding its kind's permission); otherwise, and for a malformed,
 * unknown or foreign id, 404.
 */
@RestController
class ApiJobController {

    private final JobManagement jobs;

    ApiJobController(JobManagement jobs) {
        this.jobs = jobs;
    }

    /** A job as the API shows it; {@code result} only once it succeeded. */
    record JobStatus(String id, String kind, String state, long done, long total, int percent, String requesterId,
            Instant createdAt, Instant startedAt, Instant finishedAt, String error, String result) {
    }

    @GetMapping("/api/v1/jobs/{id}")
    JobStatus job(ApiCaller caller, @PathVariable String id) {
        Job job = jobs.find(caller.grants(), parse(id)).orElseThrow(() -> new NotFound("job"));
        return new JobStatus(job.id().toString(), job.kind(), job.state().code(), job.done(), job.total(),
                job.percent(), job.requester() == null ? null : job.requester().toString(), job.createdAt(),
                job.startedAt(), job.finishedAt(), job.error(), job.resultReference().orElse(null));
    }

    private static JobId parse(String id) {
        try {
            return JobId.of(id);
        }
        catch (IllegalArgumentException malformed) {
            throw new NotFound("job");
        }
    }

}
