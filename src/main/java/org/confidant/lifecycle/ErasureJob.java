package org.confidant.lifecycle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.confidant.access.Permission;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.contact.ContactErased;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.crypto.DeploymentSigning;
import org.confidant.crypto.ErasureLedger;
import org.confidant.job.JobFailure;
import org.confidant.job.JobKind;
import org.confidant.job.JobStep;
import org.confidant.job.StepResult;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * An erasure, as a job: its parameters name a contact ({@code contact:<id>}) or the keyed
 * digest of an email address ({@code email:<hex>}, never the address). The first step
 * finds the contacts; each next step erases one of them in its own transaction (its row
 * locked first, so a message arriving meanwhile is erased with it or refused; a contact a
 * legal hold keeps is left, and the receipt says so), after adding it to the erasure
 * ledger; the last step signs the receipt with the deployment's key and stores it. The
 * receipt's id is the job's.
 */
@Component
class ErasureJob implements JobKind {

    static final String NAME = "lifecycle.erasure";

    /** The most contacts one erasure by email erases. */
    static final int MAX_CONTACTS = 60;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where the job got to: what it found, where it is, what it did. */
    record Checkpoint(List<String> ids, int next, List<String> erased, List<String> held, long conversations,
            long messages, long attachments) {
    }

    private final ContactManagement contacts;

    private final ConversationManagement conversations;

    private final AttachmentManagement attachments;

    private final LegalHoldManagement holds;

    private final ErasureLedger ledger;

    private final DeploymentSigning signing;

    private final ErasureReceipts receipts;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ErasureJob(ContactManagement contacts, ConversationManagement conversations, AttachmentManagement attachments,
            LegalHoldManagement holds, ErasureLedger ledger, DeploymentSigning signing, ErasureReceipts receipts,
            ApplicationEventPublisher events, Clock clock) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.attachments = attachments;
        this.holds = holds;
        this.ledger = ledger;
        this.signing = signing;
        this.receipts = receipts;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Erasure";
    }

    @Override
    public Permission permission() {
        return Permission.CONTACTS_ERASE;
    }

    @Override
    public StepResult step(JobStep job) {
        WorkspaceId workspace = job.workspaceId();
        if (job.first()) {
            List<String> found = find(workspace, job.parameters());
            Checkpoint start = new Checkpoint(found, 0, List.of(), List.of(), 0, 0, 0);
            return StepResult.progress(JSON.writeValueAsString(start), 0, found.size() + 1);
        }
        Checkpoint at = JSON.readValue(job.checkpoint(), Checkpoint.class);
        if (at.next() < at.ids().size()) {
            Checkpoint after = erase(workspace, job, at, new ContactId(UUID.fromString(at.ids().get(at.next()))));
            return StepResult.progress(JSON.writeValueAsString(after), after.next(), at.ids().size() + 1);
        }
        String receipt = receipt(workspace, job, at);
        receipts.insert(workspace, job.jobId().value(), job.requester(), Timestamps.now(clock), receipt);
        events.publishEvent(new ErasureDone(workspace, job.requester(), job.jobId().value(), at.erased().size(),
                at.conversations(), at.messages(), at.attachments()));
        return StepResult.finished(at.ids().size() + 1, at.ids().size() + 1, job.jobId().toString());
    }

    private List<String> find(WorkspaceId workspace, String parameters) {
        if (parameters.startsWith("contact:")) {
            ContactId id = ContactId.of(parameters.substring("contact:".length()));
            return contacts.existing(workspace, List.of(id)).isEmpty() ? List.of() : List.of(id.toString());
        }
        if (parameters.startsWith("email:")) {
            List<ContactId> found = contacts.withEmailDigest(workspace,
                    HexFormat.of().parseHex(parameters.substring("email:".length())), Timestamps.now(clock));
            if (found.size() > MAX_CONTACTS) {
                throw new JobFailure("More than " + MAX_CONTACTS + " contacts have this email address; erase them "
                        + "one contact at a time.");
            }
            return found.stream().map(ContactId::toString).toList();
        }
        throw new JobFailure("This erasure names nothing to erase.");
    }

    /**
     * Erases one contact in the step's transaction: counted, then erased by its owner
     * (which locks its row first), after the ledger has it.
     */
    private Checkpoint erase(WorkspaceId workspace, JobStep job, Checkpoint at, ContactId contact) {
        List<String> erased = new ArrayList<>(at.erased());
        List<String> held = new ArrayList<>(at.held());
        long conversationCount = at.conversations();
        long messageCount = at.messages();
        long attachmentCount = at.attachments();
        if (holds.contactHeld(workspace, contact)) {
            held.add(contact.toString());
        }
        else if (contacts.existing(workspace, List.of(contact)).contains(contact)) {
            contacts.lock(workspace, contact);
            List<ConversationId> ofContact = conversations.ofContact(workspace, contact)
                .stream()
                .map(Conversation::id)
                .toList();
            conversationCount += ofContact.size();
            messageCount += conversations.countMessages(workspace, ofContact);
            attachmentCount += attachments.countOfConversations(workspace, ofContact);
            ledger.recordErasure(workspace, List.of(contact.toString()), digests(job.parameters()),
                    job.jobId().toString());
            contacts.erase(workspace, contact, ContactErased.Reason.ERASURE);
            erased.add(contact.toString());
        }
        return new Checkpoint(at.ids(), at.next() + 1, erased, held, conversationCount, messageCount, attachmentCount);
    }

    private static List<String> digests(String parameters) {
        return parameters.startsWith("email:") ? List.of(parameters.substring("email:".length())) : List.of();
    }

    /** The signed receipt, as a compact JWS. */
    private String receipt(WorkspaceId workspace, JobStep job, Checkpoint at) {
        Map<String, Object> subject = new LinkedHashMap<>();
        if (job.parameters().startsWith("email:")) {
            subject.put("by", "email");
            subject.put("emailDigest", job.parameters().substring("email:".length()));
        }
        else {
            subject.put("by", "contact");
            subject.put("contact", job.parameters().substring("contact:".length()));
        }
        Map<String, Object> erased = new LinkedHashMap<>();
        erased.put("contacts", at.erased());
        erased.put("conversations", at.conversations());
        erased.put("messages", at.messages());
        erased.put("attachments", at.attachments());
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("type", "confidant.erasure-receipt");
        receipt.put("version", 1);
        receipt.put("receipt", job.jobId().toString());
        receipt.put("workspace", workspace.toString());
        receipt.put("requestedBy", job.requester() == null ? null : job.requester().toString());
        receipt.put("completedAt", Timestamps.now(clock).toString());
        receipt.put("subject", subject);
        receipt.put("found", !at.ids().isEmpty());
        receipt.put("erased", erased);
        receipt.put("keptUnderLegalHold", at.held());
        receipt.put("covers",
                List.of("contact details", "messages of both sides and notes", "attachments and their stored objects",
                        "visitor sessions and tokens", "consent records", "blocked addresses"));
        return signing.sign(JSON.writeValueAsString(receipt)).compact();
    }

}
