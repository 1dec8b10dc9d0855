/**
 * Conversations and their messages: the heart of the chat.
 * {@link org.confidant.conversation.ConversationManagement} posts messages (their text,
 * or a file's name, through the privacy module's redactor first) durably, in order and
 * once per {@code clientMsgId}, and announces each commit with
 * {@link org.confidant.conversation.MessagePosted} and
 * {@link org.confidant.conversation.ConversationChanged} for the real-time module to fan
 * out; it also serves the agent's inbox view, the thread and the contact card, each
 * within the member's scope, with reads audited, and assigns conversations, by a member's
 * hand ({@code assign}) or for the routing module's round-robin ({@code route}, with the
 * system as actor, only to a member who may read the conversation).
 * {@link org.confidant.conversation.MessageMarkdown} reads message text as the markdown
 * subset of {@code docs/protocol.md}. {@link org.confidant.conversation.LabelManagement}
 * keeps the workspace's labels and which conversations carry them, by which the list (of
 * {@link org.confidant.conversation.ConversationRefinement}) may also be narrowed.
 */
@ApplicationModule(displayName = "Conversations",
        allowedDependencies = { "access::api", "contact::api", "crypto::api", "identity::api", "inbox::api",
                "privacy::api", "workspace::api" })
@NullMarked
package org.confidant.conversation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
