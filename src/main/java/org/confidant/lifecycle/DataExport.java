package org.confidant.lifecycle;

import java.time.Instant;
import java.util.UUID;

import org.confidant.job.JobId;
import org.confidant.shared.ContactId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * An export: made by its job, downloadable by its requester until {@code expiresAt}.
 *
 * @param contactId the contact of a contact's export; null for the workspace's
 */
@NamedInterface("api")
public record DataExport(UUID id, WorkspaceId workspaceId, JobId jobId, Kind kind, ContactId contactId,
        MemberId requestedBy, Instant createdAt, Instant expiresAt) {

    public enum Kind {

        CONTACT("contact"), WORKSPACE("workspace");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Kind ofCode(String code) {
            return code.equals("contact") ? CONTACT : WORKSPACE;
        }

    }
}
