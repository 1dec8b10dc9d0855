package org.confidant.routing;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * What colleagues see of a member changed: they chose another status, or opened their
 * first or closed their last dashboard (a member with no dashboard open shows as
 * offline). For the real-time module's {@code status} frame; not audited (a status is
 * changed many times a day and grants nothing).
 */
@NamedInterface("api")
public record MemberStatusChanged(WorkspaceId workspaceId, MemberId memberId, MemberStatus status) {
}
