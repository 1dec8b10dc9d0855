package org.confidant.job.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.confidant.access.Grants;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.job.Job;
import org.confidant.job.JobId;
import org.confidant.job.JobManagement;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The jobs pages: the workspace's recent jobs the member may see ({@code /app/jobs}), and
 * one job with a progress bar that the page polls every second (htmx,
 * {@code /app/jobs/{id}/progress}) until the job has finished, when the answer stops the
 * polling. A job the member may not see, of another workspace, unknown or malformed, is
 * not found.
 */
@Controller
class JobController {

    private final JobManagement jobs;

    private final AccountManagement accounts;

    JobController(JobManagement jobs, AccountManagement accounts) {
        this.jobs = jobs;
        this.accounts = accounts;
    }

    @GetMapping("/app/jobs")
    String list(Grants me, Model model) {
        List<Job> recent = jobs.recent(me);
        Map<MemberId, String> names = accounts.listMembers(me.workspaceId())
            .stream()
            .collect(Collectors.toMap(Member::id, Member::displayName));
        model.addAttribute("jobs",
                recent.stream()
                    .map(job -> new JobView(job, jobs.title(job), requester(me, job, names.get(job.requester()))))
                    .toList());
        return "job/jobs";
    }

    @GetMapping("/app/jobs/{id}")
    String job(Grants me, @PathVariable String id, Model model) {
        model.addAttribute("view", view(me, visible(me, id)));
        return "job/job";
    }

    /**
     * The status part of the job's page, which the page polls while the job has not
     * finished.
     */
    @GetMapping("/app/jobs/{id}/progress")
    String progress(Grants me, @PathVariable String id, Model model) {
        model.addAttribute("view", view(me, visible(me, id)));
        return "job/job :: status";
    }

    @PostMapping("/app/jobs/{id}/cancel")
    String cancel(Grants me, @PathVariable String id) {
        Job job = jobs.cancel(me, parse(id));
        return "redirect:/app/jobs/" + job.id();
    }

    private Job visible(Grants me, String id) {
        return jobs.find(me, parse(id)).orElseThrow(() -> new NotFound("job"));
    }

    private JobView view(Grants me, Job job) {
        String name = job.requester() == null ? null
                : accounts.findMember(me.workspaceId(), job.requester()).map(Member::displayName).orElse(null);
        return new JobView(job, jobs.title(job), requester(me, job, name));
    }

    private static String requester(Grants me, Job job, String name) {
        if (job.requester() == null) {
            return "the system";
        }
        if (job.requester().equals(me.memberId())) {
            return "you";
        }
        return name == null ? "a former member" : name;
    }

    static JobId parse(String id) {
        try {
            return JobId.of(id);
        }
        catch (IllegalArgumentException malformed) {
            throw new NotFound("job");
        }
    }

}
