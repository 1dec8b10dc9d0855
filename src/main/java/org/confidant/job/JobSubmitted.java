package org.confidant.job;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/** A job was submitted, by a member or by the system (requester null). Its parameters are not part of the event. */
@NamedInterface("jobs")
public record JobSubmitted(WorkspaceId workspaceId, JobId jobId, String kind, MemberId requester)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "job.submitted";
    }

    @Override
    public AuditActor auditActor() {
        return requester == null ? AuditActor.system() : AuditActor.member(requester, "");
    }

    @Override
    public String auditTarget() {
        return "job:" + jobId;
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("kind", kind);
    }
}
