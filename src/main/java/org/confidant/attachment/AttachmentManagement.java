package org.confidant.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.attachment.spi.AttachmentStore;
import org.confidant.conversation.AuthorKind;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.ConversationsPurged;
import org.confidant.conversation.MessageFile;
import org.confidant.conversation.PostResult;
import org.confidant.crypto.FieldEncryption;
import org.confidant.crypto.IntegrityException;
import org.confidant.shared.AuditActor;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.widget.VisitorSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The attachment module's public API: uploads, signed download links, downloads and
 * deletion. See the package documentation for the upload pipeline and what each refusal
 * leaves behind (nothing).
 *
 * <p>
 * <b>Upload.</b> {@link org.confidant.attachment.AttachmentManagement} authorises first
 * (a visitor writes only into their own conversation; a member needs to read the
 * conversation and {@code conversations.reply}; a visitor's daily quota of files and
 * bytes), then streams the body to an owner-only temporary file with a hard size cap,
 * decides the type from the bytes with Apache Tika (the declared type and the extension
 * are ignored) against an allowlist that can never include HTML, SVG, XML or JavaScript,
 * optionally asks clamd (fail closed), normalises the file name (which the conversation
 * module then passes through the privacy module's redactor), encrypts the content under
 * the workspace's key with the attachment as associated data, and puts it in the
 * {@link org.confidant.attachment.spi.AttachmentStore}. Only then, in one transaction,
 * the file message is posted (a message whose text is the file name and which carries a
 * {@link org.confidant.conversation.MessageFile}, so sequence numbers, acknowledgement
 * after commit and catch-up hold as for text) and the attachment row is written;
 * {@link org.confidant.attachment.AttachmentUploaded} is published in it. Every refusal
 * is a {@link org.confidant.shared.Rejected} with its code, publishes
 * {@link org.confidant.attachment.AttachmentRejected}, and leaves nothing: the temporary
 * file is deleted, a stored object whose transaction failed is deleted, no row is
 * written, nothing is broadcast.
 *
 * <p>
 * <b>Storage.</b> The SPI stores opaque keys and already-encrypted bytes; the local
 * folder store writes whole objects atomically. Deleting an attachment removes its object
 * and voids its links; deleting a workspace removes all of its objects and rows.
 */
@NamedInterface("api")
@Service
public class AttachmentManagement {

    private static final Logger log = LoggerFactory.getLogger(AttachmentManagement.class);

    private static final Duration QUOTA_WINDOW = Duration.ofDays(1);

    /** Who is uploading, and how their message is posted once the file is accepted. */
    private record Uploader(WorkspaceId workspaceId, AuthorKind kind, MemberId member, AuditActor actor, String target,
            Function<FileMessage, PostResult> post) {
    }

    private record FileMessage(String clientMsgId, String name, MessageFile file) {
    }

    private final Attachments attachments;

    private final AttachmentStore store;

    private final FieldEncryption encryption;

    private final SignedLinks links;

    private final ConversationManagement conversations;

    private final AccessManagement access;

    private final ContentTypes contentTypes;

    private final MalwareScanner scanner;

    private final AttachmentSettings settings;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate transactions;

    private final Clock clock;

    AttachmentManagement(Attachments attachments, AttachmentStore store, FieldEncryption encryption, SignedLinks links,
            ConversationManagement conversations, AccessManagement access, MalwareScanner scanner,
            AttachmentSettings settings, ApplicationEventPublisher events, PlatformTransactionManager transactions,
            Clock clock) {
        this.attachments = attachments;
        this.store = store;
        this.encryption = encryption;
        this.links = links;
        this.conversations = conversations;
        this.access = access;
        this.contentTypes = new ContentTypes(settings.allowedTypes());
        this.scanner = scanner;
        this.settings = settings;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Whether uploads are scanned for malware (the dashboard says so when they are not).
     */
    public boolean scanning() {
        return scanner.enabled();
    }

    /** The largest file accepted, in bytes. */
    public long maxSize() {
        return settings.maxSize().toBytes();
    }

    /**
     * A visitor sends a file into their conversation of the inbox (opening it, as a first
     * message would). Refused when their daily quota is used up.
     */
    public Attachment uploadFromVisitor(VisitorSession visitor, String fileName, InputStream content) {
        WorkspaceId workspaceId = visitor.workspaceId();
        AuditActor actor = new AuditActor(AuditActor.Kind.VISITOR, visitor.contactId().toString(), "");
        String target = conversations.findForContact(workspaceId, visitor.inboxId(), visitor.contactId())
            .map(c -> "conversation:" + c.id())
            .orElse("contact:" + visitor.contactId());
        Uploader uploader = new Uploader(workspaceId, AuthorKind.VISITOR, null, actor, target, message -> {
            PostResult posted = conversations.postFromVisitor(workspaceId, visitor.inboxId(), visitor.contactId(),
                    message.clientMsgId(), message.name(), message.file());
            // the contact's row is locked now: concurrent uploads of one visitor are
            // counted one after the other
            checkQuota(workspaceId, visitor.contactId(), message.file().size());
            return posted;
        });
        return upload(uploader, fileName, content, () -> checkQuota(workspaceId, visitor.contactId(), 1));
    }

    /** A member sends a file into a conversation they may read and reply to. */
    public Attachment uploadFromAgent(Grants uploader, ConversationId conversationId, String fileName,
            InputStream content) {
        conversations.find(uploader, conversationId).orElseThrow(() -> new NotFound("conversation"));
        uploader.require(Permission.CONVERSATIONS_REPLY);
        AuditActor actor = AuditActor.member(uploader.memberId(), "");
        return upload(
                new Uploader(uploader.workspaceId(), AuthorKind.AGENT, uploader.memberId(), actor,
                        "conversation:" + conversationId, message -> conversations.postFromAgent(uploader,
                                conversationId, message.clientMsgId(), message.name(), message.file())),
                fileName, content, () -> {
                });
    }

    /** A download link for the visitor, for a file of their own conversation. */
    public AttachmentLink linkForVisitor(VisitorSession visitor, AttachmentId id) {
        Attachment attachment = attachments.find(visitor.workspaceId(), id)
            .filter(a -> a.contactId().equals(visitor.contactId()) && !a.deleted())
            .orElseThrow(() -> new NotFound("attachment"));
        return links.mint(visitor.workspaceId(), attachment.id(),
                new SignedLinks.Viewer(false, visitor.contactId().value()), expiry());
    }

    /** A download link for the member, for a file of a conversation they can read. */
    public AttachmentLink linkForAgent(Grants viewer, AttachmentId id) {
        Attachment attachment = readable(viewer, id);
        return links.mint(viewer.workspaceId(), attachment.id(),
                new SignedLinks.Viewer(true, viewer.memberId().value()), expiry());
    }

    /**
     * The file a signed link points to. The link must be intact and unexpired; a member's
     * link works only for that member, signed in to that workspace ({@code signedIn},
     * null when nobody is) and still able to read the conversation; a visitor's link only
     * while the file is still in that visitor's conversation. Every failure is the same
     * {@link NotFound}.
     */
    public Download open(String attachment, String workspace, String viewer, String expires, String signature,
            SignedInMember signedIn) {
        SignedLinks.Verified link = links
            .verify(new SignedLinks.Presented(attachment, workspace, viewer, expires, signature), Timestamps.now(clock))
            .orElseThrow(() -> new NotFound("attachment"));
        Attachment found = attachments.find(link.workspace(), link.attachment())
            .filter(a -> !a.deleted())
            .orElseThrow(() -> new NotFound("attachment"));
        if (link.viewer().member()) {
            MemberId member = new MemberId(link.viewer().id());
            boolean sameMember = signedIn != null && signedIn.workspaceId().equals(link.workspace())
                    && signedIn.memberId().equals(member);
            if (!sameMember || access.grants(link.workspace(), member)
                .flatMap(grants -> conversations.find(grants, found.conversationId()))
                .isEmpty()) {
                throw new NotFound("attachment");
            }
        }
        else if (!found.contactId().equals(new ContactId(link.viewer().id()))) {
            throw new NotFound("attachment");
        }
        String key = attachments.storageKey(found.workspaceId(), found.id())
            .orElseThrow(() -> new NotFound("attachment"));
        try {
            byte[] content = encryption.decryptBytes(found.workspaceId(), Attachments.CONTENT, found.id().value(),
                    store.get(key));
            return new Download(found.fileName(), found.contentType(), content);
        }
        catch (NoSuchFileException missing) {
            log.warn("the content of attachment {} (workspace {}) is missing from the store", found.id(),
                    found.workspaceId());
            throw new NotFound("attachment");
        }
        catch (IntegrityException e) {
            log.warn("the stored content of attachment {} (workspace {}) does not decrypt", found.id(),
                    found.workspaceId());
            throw new NotFound("attachment");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a file's content (a member who may reply in its conversation): its links
     * stop working, its message stays and says the file is gone.
     */
    public Attachment delete(Grants actor, AttachmentId id) {
        Attachment attachment = readable(actor, id);
        actor.require(Permission.CONVERSATIONS_REPLY);
        String key = attachments.storageKey(actor.workspaceId(), id).orElse(null);
        transactions.executeWithoutResult(status -> {
            if (attachments.markDeleted(actor.workspaceId(), id, Timestamps.now(clock))) {
                events.publishEvent(new AttachmentDeleted(attachment, AuditActor.member(actor.memberId(), "")));
            }
        });
        if (key != null) {
            try {
                store.delete(key);
            }
            catch (IOException e) {
                // the row no longer points to it: nothing serves it; the log tells the
                // operator to remove it
                log.error("attachment {} is deleted but its stored object {} could not be removed", id, key, e);
            }
        }
        return attachment;
    }

    /**
     * Files of the workspace whose content is still stored and that were uploaded before
     * {@code cutoff}, by id after {@code after} (null: from the first): what a retention
     * window for files finds.
     */
    @Transactional(readOnly = true)
    public List<Attachment> storedBefore(WorkspaceId workspaceId, Instant cutoff, AttachmentId after, int limit) {
        return attachments.storedBefore(workspaceId, cutoff, after == null ? new UUID(0, 0) : after.value(), limit);
    }

    /**
     * Deletes the content of files (the retention purge, which decided and authorised
     * it): their links stop working at once, their messages stay and say the file is
     * gone, and their stored objects are removed once this commits. Returns how many were
     * deleted (files deleted already are skipped). Recorded by the caller, in one entry
     * per run, not per file.
     */
    @Transactional
    public int purgeFiles(WorkspaceId workspaceId, Collection<AttachmentId> ids) {
        List<String> keys = new ArrayList<>();
        int purged = 0;
        Instant now = Timestamps.now(clock);
        for (AttachmentId id : ids) {
            Optional<String> key = attachments.storageKey(workspaceId, id);
            if (attachments.markDeleted(workspaceId, id, now)) {
                key.ifPresent(keys::add);
                purged++;
            }
        }
        deleteObjectsAfterCommit(keys);
        return purged;
    }

    /** The files of the conversations (stored or deleted), oldest first. */
    @Transactional(readOnly = true)
    public List<Attachment> ofConversations(WorkspaceId workspaceId, Collection<ConversationId> conversations) {
        return attachments.ofConversations(workspaceId, conversations.stream().map(ConversationId::value).toList());
    }

    /** How many files the conversations have (stored or deleted). */
    @Transactional(readOnly = true)
    public long countOfConversations(WorkspaceId workspaceId, Collection<ConversationId> conversations) {
        return attachments.countOfConversations(workspaceId,
                conversations.stream().map(ConversationId::value).toList());
    }

    /**
     * A file's decrypted content, for an export that its module authorised; empty when
     * the file is deleted or its object is missing.
     */
    public Optional<byte[]> content(WorkspaceId workspaceId, AttachmentId id) {
        Optional<String> key = attachments.storageKey(workspaceId, id);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional
                .of(encryption.decryptBytes(workspaceId, Attachments.CONTENT, id.value(), store.get(key.get())));
        }
        catch (NoSuchFileException missing) {
            log.warn("the content of attachment {} (workspace {}) is missing from the store", id, workspaceId);
            return Optional.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Purged conversations take their files with them: the rows go in the purging
     * transaction, the stored objects once it commits.
     */
    @EventListener
    @Order(5)
    void on(ConversationsPurged purged) {
        List<UUID> conversations = purged.conversationIds().stream().map(ConversationId::value).toList();
        List<String> keys = attachments.storageKeysOfConversations(purged.workspaceId(), conversations);
        attachments.deleteOfConversations(purged.workspaceId(), conversations);
        deleteObjectsAfterCommit(keys);
    }

    private void deleteObjectsAfterCommit(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Runnable delete = () -> keys.forEach(key -> {
            try {
                store.delete(key);
            }
            catch (IOException e) {
                // the row no longer points to it: nothing serves it; the log tells the
                // operator to remove it
                log.error("a purged attachment's stored object {} could not be removed", key, e);
            }
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delete.run();
                }
            });
        }
        else {
            delete.run();
        }
    }

    /** The member in whose session a download is asked for. */
    public record SignedInMember(WorkspaceId workspaceId, MemberId memberId) {
    }

    private Attachment readable(Grants viewer, AttachmentId id) {
        Attachment attachment = attachments.find(viewer.workspaceId(), id)
            .filter(a -> !a.deleted())
            .orElseThrow(() -> new NotFound("attachment"));
        conversations.find(viewer, attachment.conversationId()).orElseThrow(() -> new NotFound("attachment"));
        return attachment;
    }

    private Instant expiry() {
        return Timestamps.now(clock).plus(settings.linkLifetime());
    }

    /**
     * Stream to a temporary file with the size cap, sniff, scan, encrypt, store, then
     * post and record in one transaction. Any refusal deletes what was written and
     * publishes {@link AttachmentRejected}.
     */
    private Attachment upload(Uploader uploader, String rawName, InputStream content, Runnable precheck) {
        AttachmentId id = AttachmentId.random();
        String storageKey = uploader.workspaceId() + "/" + id;
        try {
            Text.requireWellFormed(rawName, "the file name"); // refused, not silently
                                                              // cleaned: nothing is
                                                              // stored
            precheck.run();
            try (IncomingFile file = IncomingFile.receive(content, settings.maxSize().toBytes(),
                    settings.incomingDirectory())) {
                String type = contentTypes.allowedTypeOf(file.path);
                Optional<String> malware = scanner.findMalware(file.path);
                if (malware.isPresent()) {
                    events.publishEvent(new AttachmentRejected(uploader.workspaceId(), uploader.actor(),
                            uploader.target(), "attachment_malware", malware.get()));
                    throw new MalwareFound(malware.get());
                }
                String name = ContentTypes.nameFor(FileNames.normalise(rawName), type);
                store.put(storageKey, encryption.encryptBytes(uploader.workspaceId(), Attachments.CONTENT, id.value(),
                        Files.readAllBytes(file.path)));
                try {
                    return transactions.execute(status -> record(uploader, id, storageKey, name, type, file.size));
                }
                catch (RuntimeException failed) {
                    store.delete(storageKey);
                    throw failed;
                }
            }
        }
        catch (MalwareFound found) {
            throw new Rejected("attachment_malware",
                    "The file was not accepted: the malware scanner found " + found.getMessage() + " in it.");
        }
        catch (Rejected rejected) {
            events.publishEvent(new AttachmentRejected(uploader.workspaceId(), uploader.actor(), uploader.target(),
                    rejected.code(), null));
            throw rejected;
        }
        catch (IOException e) {
            throw new UncheckedIOException("the upload could not be received or stored", e);
        }
    }

    private Attachment record(Uploader uploader, AttachmentId id, String storageKey, String name, String type,
            long size) {
        PostResult posted = uploader.post()
            .apply(new FileMessage("file-" + id, name, new MessageFile(id.value(), type, size)));
        Conversation conversation = conversations.find(uploader.workspaceId(), posted.message().conversationId())
            .orElseThrow(() -> new NotFound("conversation"));
        // the name as the conversation stored it: through the privacy module's redactor
        Attachment attachment = new Attachment(id, uploader.workspaceId(), conversation.id(), conversation.contactId(),
                uploader.kind(), uploader.member(), posted.message().text(), type, size, posted.message().sentAt(),
                null);
        attachments.insert(attachment, storageKey);
        events.publishEvent(new AttachmentUploaded(attachment, uploader.actor()));
        return attachment;
    }

    private void checkQuota(WorkspaceId workspaceId, ContactId contactId, long adding) {
        Attachments.Usage usage = attachments.visitorUsageSince(workspaceId, contactId,
                Timestamps.now(clock).minus(QUOTA_WINDOW));
        if (usage.count() >= settings.visitorDailyCount()
                || usage.bytes() + adding > settings.visitorDailySize().toBytes()) {
            throw new Rejected("attachment_quota",
                    "You have sent as many files as you can today. Please try again tomorrow.");
        }
    }

    /**
     * Internal: carries clamd's verdict past the generic refusal handler, which would
     * record it a second time.
     */
    private static final class MalwareFound extends RuntimeException {

        MalwareFound(String signature) {
            super(signature, null, false, false);
        }

    }

}
