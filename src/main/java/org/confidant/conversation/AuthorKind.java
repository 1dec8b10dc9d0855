package org.confidant.conversation;

/** Who wrote a message. */
public enum AuthorKind {
    VISITOR, AGENT
}
