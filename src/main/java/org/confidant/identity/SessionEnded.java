package org.confidant.identity;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A member's dashboard session has ended: signed out, timed out, past its lifetime, or revoked; published for the
 * audit log. (The servlet container itself closes the sockets opened under the session.)
 *
 * @param sessionId the servlet session's id
 */
public record SessionEnded(WorkspaceId workspaceId, MemberId memberId, String sessionId) {
}
