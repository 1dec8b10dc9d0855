package org.confidant.identity;

import org.confidant.shared.AccountId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A person's membership in one workspace, with what the dashboard shows of them.
 *
 * @param active false while the membership is deactivated: it keeps its role and settings
 * but grants nothing and cannot be signed into
 */
@NamedInterface("api")
public record Member(MemberId id, WorkspaceId workspaceId, AccountId accountId, Role role, String displayName,
        String email, boolean active) {
}
