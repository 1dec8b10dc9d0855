package org.confidant.conversation;

import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A workspace's label for conversations: a name, unique whatever its case, and a colour.
 */
@NamedInterface("api")
public record Label(LabelId id, WorkspaceId workspaceId, String name, LabelColour colour) {
}
