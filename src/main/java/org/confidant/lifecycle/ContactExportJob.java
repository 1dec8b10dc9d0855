package org.confidant.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.confidant.access.Permission;
import org.confidant.attachment.Attachment;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
import org.confidant.job.JobFailure;
import org.confidant.job.JobKind;
import org.confidant.job.JobStep;
import org.confidant.job.StepResult;
import org.confidant.privacy.ConsentManagement;
import org.confidant.shared.ContactId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * One contact's export (a data-subject access request), as a job whose parameters are the
 * export's id: a step per conversation of the contact writes its JSON, its part of the
 * transcript and its files; the last step writes the contact's own details and the head
 * of {@code contact.json}. The ZIP is put together from these parts when it is downloaded
 * ({@link ExportManagement}). Nothing of another contact is read: only the contact's own
 * conversations and their files.
 */
@Component
class ContactExportJob implements JobKind {

    static final String NAME = "lifecycle.contact-export";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataExports exports;

    private final ExportFiles files;

    private final ContactManagement contacts;

    private final ConversationManagement conversations;

    private final AttachmentManagement attachments;

    private final ConsentManagement consents;

    private final WorkspaceManagement workspaces;

    private final LifecycleSettings settings;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ContactExportJob(DataExports exports, ExportFiles files, ContactManagement contacts,
            ConversationManagement conversations, AttachmentManagement attachments, ConsentManagement consents,
            WorkspaceManagement workspaces, LifecycleSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.exports = exports;
        this.files = files;
        this.contacts = contacts;
        this.conversations = conversations;
        this.attachments = attachments;
        this.consents = consents;
        this.workspaces = workspaces;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Contact export";
    }

    @Override
    public Permission permission() {
        return Permission.CONTACTS_EXPORT;
    }

    @Override
    public StepResult step(JobStep job) {
        WorkspaceId workspace = job.workspaceId();
        DataExport export = exports.find(workspace, UUID.fromString(job.parameters()))
            .orElseThrow(() -> new JobFailure("The export was deleted."));
        Contact contact = contacts.find(workspace, export.contactId())
            .orElseThrow(() -> new JobFailure("The contact was erased before its export was made."));
        List<Conversation> ofContact = conversations.ofContact(workspace, contact.id());
        int next = job.first() ? 0 : Integer.parseInt(job.checkpoint());
        if (next < ofContact.size()) {
            writeConversation(workspace, export.id(), next, ofContact.get(next));
            return StepResult.progress(Integer.toString(next + 1), next + 1, ofContact.size() + 1);
        }
        writeHead(workspace, export, contact);
        exports.expires(workspace, export.id(), Timestamps.now(clock).plus(settings.exportLifetime()));
        events.publishEvent(new ExportMade(workspace, export.requestedBy(), export));
        return StepResult.finished(ofContact.size() + 1, ofContact.size() + 1, export.id().toString());
    }

    private void writeConversation(WorkspaceId workspace, UUID export, int index, Conversation conversation) {
        List<Message> messages = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Message> batch = conversations.messagesAfter(workspace, conversation.id(), after);
            messages.addAll(batch);
            if (batch.size() < ConversationManagement.MAX_BATCH) {
                break;
            }
            after = batch.getLast().seq();
        }
        List<Map<String, Object>> described = new ArrayList<>();
        for (Attachment file : attachments.ofConversations(workspace, List.of(conversation.id()))) {
            Optional<byte[]> content = file.deleted() ? Optional.empty() : attachments.content(workspace, file.id());
            content.ifPresent(bytes -> files.write(workspace, export, "file-" + ExportWriting.filePath(file), bytes));
            described.add(ExportWriting.file(file, content.isPresent()));
        }
        Map<String, Object> json = ExportWriting.conversation(conversation);
        json.put("messages", messages.stream().map(ExportWriting::message).toList());
        json.put("attachments", described);
        String part = String.format("%06d", index);
        files.write(workspace, export, "conversation-" + part, JSON.writeValueAsBytes(json));
        files.write(workspace, export, "html-" + part,
                ExportWriting.transcript(conversation, messages).getBytes(StandardCharsets.UTF_8));
    }

    private void writeHead(WorkspaceId workspace, DataExport export, Contact contact) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", contact.id().toString());
        details.put("inboxId", contact.inboxId().toString());
        details.put("name", contact.displayName());
        details.put("email", contact.email());
        details.put("phone", contact.phone());
        details.put("ipAddress", contact.ipAddress());
        details.put("firstSeenAt", contact.createdAt().toString());
        Set<ContactId> one = Set.of(contact.id());
        details.put("verified", !contacts.verifiedAmong(workspace, one).isEmpty());
        details.put("blocked", !contacts.blockedAmong(workspace, one).isEmpty());
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("format", "confidant.contact-export");
        head.put("version", 1);
        head.put("exportedAt", Timestamps.now(clock).toString());
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("id", workspace.toString());
        from.put("name", workspaces.find(workspace).map(w -> w.name()).orElse(""));
        head.put("workspace", from);
        head.put("contact", details);
        head.put("consent", ExportWriting.consents(consents.consents(workspace, contact.id())));
        String json = JSON.writeValueAsString(head);
        // the conversations are joined in when the ZIP is made: the head ends where they
        // begin
        files.write(workspace, export.id(), "head",
                (json.substring(0, json.length() - 1) + ",\"conversations\":[").getBytes(StandardCharsets.UTF_8));
        files.write(workspace, export.id(), "transcript-head",
                ExportWriting.transcriptHead(contact.displayName()).getBytes(StandardCharsets.UTF_8));
    }

}
