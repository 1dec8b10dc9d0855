/**
 * Attachments: files that visitors and agents send in a conversation.
 *
 * <p><b>Upload.</b> {@link org.confidant.attachment.AttachmentManagement} authorises first (a visitor writes only
 * into their own conversation; a member needs to read the conversation and {@code conversations.reply}; a visitor's
 * daily quota of files and bytes), then streams the body to an owner-only temporary file with a hard size cap,
 * decides the type from the bytes with Apache Tika (the declared type and the extension are ignored) against an
 * allowlist that can never include HTML, SVG, XML or JavaScript, optionally asks clamd (fail closed), normalises the
 * file name, encrypts the content under the workspace's key with the attachment as associated data, and puts it in
 * the {@link org.confidant.attachment.spi.AttachmentStore}. Only then, in one transaction, the file message is
 * posted (a message whose text is the file name and which carries a
 * {@link org.confidant.conversation.MessageFile}, so sequence numbers, acknowledgement after commit and catch-up
 * hold as for text) and the attachment row is written; {@link org.confidant.attachment.AttachmentUploaded} is
 * published in it. Every refusal is a {@link org.confidant.shared.Rejected} with its code, publishes
 * {@link org.confidant.attachment.AttachmentRejected}, and leaves nothing: the temporary file is deleted, a stored
 * object whose transaction failed is deleted, no row is written, nothing is broadcast.
 *
 * <p><b>Download.</b> Only through signed links ({@link org.confidant.attachment.SignedLinks}): minted for a
 * viewer who may see the file now (a member who can read the conversation, or its visitor), valid for a few
 * minutes, signed with the workspace's key over attachment, workspace, viewer and expiry. On use, a member's link
 * also needs that member's own session and their current right to read the conversation. Expired, tampered,
 * foreign, someone else's and deleted all answer the same 404. Files are served as {@code attachment} downloads with
 * an RFC 6266 file name, {@code nosniff}, {@code Content-Security-Policy: sandbox} and {@code no-store}.
 *
 * <p><b>Storage.</b> The SPI stores opaque keys and already-encrypted bytes; the local folder store writes whole
 * objects atomically. Deleting an attachment removes its object and voids its links; deleting a workspace removes
 * all of its objects and rows.
 *
 * <p>Depends on {@code conversation}, {@code access}, {@code widget} (visitor sessions), {@code identity} (the
 * signed-in member of a download), {@code crypto}, {@code workspace} (deletion), {@code tenancy} (a visitor token or
 * a signed link names its workspace) and {@code shared}.
 */
package org.confidant.attachment;
