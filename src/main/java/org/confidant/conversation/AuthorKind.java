package org.confidant.conversation;

import org.springframework.modulith.NamedInterface;

/** Who wrote a message. */
@NamedInterface("api")
public enum AuthorKind {

    VISITOR, AGENT

}
