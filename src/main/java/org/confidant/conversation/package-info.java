/**
 * Conversations and their messages: the heart of the chat.
 *
 * <p>{@link org.confidant.conversation.ConversationManagement#postFromVisitor} and
 * {@link org.confidant.conversation.ConversationManagement#postFromAgent} validate a message, lock its conversation
 * row, give it the conversation's next sequence number and store it in one transaction; they return only after the
 * commit, so the caller's acknowledgement means "durable". A sender's {@code clientMsgId} makes posting idempotent.
 * After the commit, {@link org.confidant.conversation.MessagePosted} and
 * {@link org.confidant.conversation.ConversationChanged} events tell the real-time module what to fan out.
 *
 * <p>{@link org.confidant.conversation.MessageMarkdown} reads message text as the markdown subset of docs/protocol.md
 * (segments for the dashboard's templates; the browsers' twin is {@code /widget/markdown.js}).
 *
 * <p>Every method takes the workspace first and filters on it. Depends on {@code contact}, {@code identity} and
 * {@code shared}.
 */
package org.confidant.conversation;
