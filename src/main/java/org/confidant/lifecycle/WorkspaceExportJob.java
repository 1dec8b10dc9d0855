package org.confidant.lifecycle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.attachment.Attachment;
import org.confidant.attachment.AttachmentId;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.audit.AuditEntry;
import org.confidant.audit.AuditLog;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.job.JobFailure;
import org.confidant.job.JobKind;
import org.confidant.job.JobStep;
import org.confidant.job.StepResult;
import org.confidant.privacy.ConsentManagement;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.Workspace;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The whole workspace's export, as a job whose parameters are the export's id, phase by
 * phase, each step a bounded page written as one encrypted part: the workspace itself
 * (its settings, inboxes, policies and members without any secret), then pages of
 * contacts, conversations, messages (a few thousand a step, across conversations), files
 * (a few a step) and audit entries. Memory stays flat however large the workspace: a step
 * holds one page, and the download streams the parts one at a time
 * ({@link ExportManagement}).
 */
@Component
class WorkspaceExportJob implements JobKind {

    static final String NAME = "lifecycle.workspace-export";

    static final int PAGE = 500;

    static final int MESSAGES_PER_STEP = 2_000;

    static final int FILES_PER_STEP = 10;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The phases, in order. */
    enum Phase {

        CONTACTS, CONVERSATIONS, MESSAGES, FILES, AUDIT

    }

    /**
     * Where the export got to: the phase, the cursor within it (an id, or an audit
     * sequence), the next part's number, for messages the conversation and sequence
     * reached, and what was written so far.
     */
    record Checkpoint(Phase phase, String cursor, int part, long after, long contacts, long conversations,
            long messages, long files, long audit) {

        Checkpoint next(Phase phase) {
            return new Checkpoint(phase, null, 0, 0, contacts, conversations, messages, files, audit);
        }

        long done() {
            return contacts + conversations + messages + files + audit;
        }
    }

    private final DataExports exports;

    private final ExportFiles files;

    private final WorkspaceManagement workspaces;

    private final AccountManagement accounts;

    private final AccessManagement access;

    private final InboxManagement inboxes;

    private final ContactManagement contacts;

    private final ConversationManagement conversations;

    private final AttachmentManagement attachments;

    private final ConsentManagement consents;

    private final AuditLog audit;

    private final RetentionPolicies policies;

    private final LifecycleSettings settings;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    WorkspaceExportJob(DataExports exports, ExportFiles files, WorkspaceManagement workspaces,
            AccountManagement accounts, AccessManagement access, InboxManagement inboxes, ContactManagement contacts,
            ConversationManagement conversations, AttachmentManagement attachments, ConsentManagement consents,
            AuditLog audit, RetentionPolicies policies, LifecycleSettings settings, ApplicationEventPublisher events,
            Clock clock) {
        this.exports = exports;
        this.files = files;
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.access = access;
        this.inboxes = inboxes;
        this.contacts = contacts;
        this.conversations = conversations;
        this.attachments = attachments;
        this.consents = consents;
        this.audit = audit;
        this.policies = policies;
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
        return "Workspace export";
    }

    @Override
    public Permission permission() {
        return Permission.WORKSPACE_EXPORT;
    }

    @Override
    public StepResult step(JobStep job) {
        WorkspaceId workspace = job.workspaceId();
        DataExport export = exports.find(workspace, UUID.fromString(job.parameters()))
            .orElseThrow(() -> new JobFailure("The export was deleted."));
        if (job.first()) {
            writeWorkspace(workspace, export.id());
            return progress(new Checkpoint(Phase.CONTACTS, null, 0, 0, 0, 0, 0, 0, 0));
        }
        Checkpoint at = JSON.readValue(job.checkpoint(), Checkpoint.class);
        Optional<Checkpoint> next = switch (at.phase()) {
            case CONTACTS -> contacts(workspace, export.id(), at);
            case CONVERSATIONS -> conversations(workspace, export.id(), at);
            case MESSAGES -> messages(workspace, export.id(), at);
            case FILES -> files(workspace, export.id(), at);
            case AUDIT -> audit(workspace, export.id(), at);
        };
        if (next.isPresent()) {
            return progress(next.get());
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "confidant.workspace-export");
        manifest.put("version", 1);
        manifest.put("workspace", workspace.toString());
        manifest.put("exportedAt", Timestamps.now(clock).toString());
        manifest.put("contacts", at.contacts());
        manifest.put("conversations", at.conversations());
        manifest.put("messages", at.messages());
        manifest.put("files", at.files());
        manifest.put("auditEntries", at.audit());
        files.write(workspace, export.id(), "manifest", JSON.writeValueAsBytes(manifest));
        exports.expires(workspace, export.id(), Timestamps.now(clock).plus(settings.exportLifetime()));
        events.publishEvent(new ExportMade(workspace, export.requestedBy(), export));
        return StepResult.finished(at.done(), at.done(), export.id().toString());
    }

    /** Progress with an unknown total (0), so the page shows the work done so far. */
    private static StepResult progress(Checkpoint at) {
        return StepResult.progress(JSON.writeValueAsString(at), at.done(), 0);
    }

    private void writeWorkspace(WorkspaceId workspace, UUID export) {
        Workspace found = workspaces.find(workspace).orElseThrow(() -> new JobFailure("The workspace is gone."));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "confidant.workspace-export");
        json.put("version", 1);
        json.put("id", workspace.toString());
        json.put("name", found.name());
        json.put("createdAt", found.createdAt().toString());
        List<Map<String, Object>> members = new ArrayList<>();
        for (Member member : accounts.listMembers(workspace)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", member.id().toString());
            m.put("name", member.displayName());
            m.put("email", member.email());
            m.put("role", member.role().name().toLowerCase());
            m.put("active", member.active());
            m.put("inboxes",
                    access.grants(workspace, member.id())
                        .map(Grants::inboxes)
                        .orElse(Set.of())
                        .stream()
                        .map(Object::toString)
                        .sorted()
                        .toList());
            members.add(m);
        }
        json.put("members", members);
        List<Map<String, Object>> inboxList = new ArrayList<>();
        Map<InboxId, RetentionPolicy> own = policies.ofInboxes(workspace);
        for (Inbox inbox : inboxes.list(workspace)) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("id", inbox.id().toString());
            i.put("name", inbox.name());
            i.put("createdAt", inbox.createdAt().toString());
            i.put("allowedDomains", inboxes.allowedDomains(workspace, inbox.id()).asText());
            i.put("retention", own.containsKey(inbox.id()) ? retention(own.get(inbox.id())) : null);
            inboxList.add(i);
        }
        json.put("inboxes", inboxList);
        RetentionPolicy policy = policies.ofWorkspace(workspace).orElse(RetentionPolicy.FOREVER);
        Map<String, Object> retention = retention(policy);
        retention.put("orphanContactDays", policy.orphanContactDays());
        retention.put("auditDays", audit.retention(workspace).toDays());
        json.put("retention", retention);
        files.write(workspace, export, "workspace", JSON.writeValueAsBytes(json));
    }

    private static Map<String, Object> retention(RetentionPolicy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("resolvedDays", policy.resolvedDays());
        json.put("inactiveDays", policy.inactiveDays());
        json.put("attachmentDays", policy.attachmentDays());
        return json;
    }

    private Optional<Checkpoint> contacts(WorkspaceId workspace, UUID export, Checkpoint at) {
        List<Contact> page = contacts.page(workspace, at.cursor() == null ? null : ContactId.of(at.cursor()), PAGE);
        if (page.isEmpty()) {
            return Optional.of(at.next(Phase.CONVERSATIONS));
        }
        StringBuilder lines = new StringBuilder();
        for (Contact c : page) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", c.id().toString());
            json.put("inboxId", c.inboxId().toString());
            json.put("name", c.displayName());
            json.put("email", c.email());
            json.put("phone", c.phone());
            json.put("ipAddress", c.ipAddress());
            json.put("firstSeenAt", c.createdAt().toString());
            json.put("consent", ExportWriting.consents(consents.consents(workspace, c.id())));
            lines.append(JSON.writeValueAsString(json)).append('\n');
        }
        files.write(workspace, export, part("contacts", at.part()), lines.toString().getBytes(StandardCharsets.UTF_8));
        return Optional.of(new Checkpoint(at.phase(), page.getLast().id().toString(), at.part() + 1, 0,
                at.contacts() + page.size(), at.conversations(), at.messages(), at.files(), at.audit()));
    }

    private Optional<Checkpoint> conversations(WorkspaceId workspace, UUID export, Checkpoint at) {
        List<Conversation> page = conversations.page(workspace,
                at.cursor() == null ? null : ConversationId.of(at.cursor()), PAGE);
        if (page.isEmpty()) {
            return Optional.of(at.next(Phase.MESSAGES));
        }
        StringBuilder lines = new StringBuilder();
        for (Conversation c : page) {
            lines.append(JSON.writeValueAsString(ExportWriting.conversation(c))).append('\n');
        }
        files.write(workspace, export, part("conversations", at.part()),
                lines.toString().getBytes(StandardCharsets.UTF_8));
        return Optional.of(new Checkpoint(at.phase(), page.getLast().id().toString(), at.part() + 1, 0, at.contacts(),
                at.conversations() + page.size(), at.messages(), at.files(), at.audit()));
    }

    /**
     * Up to {@link #MESSAGES_PER_STEP} messages, conversation by conversation in id
     * order, from the conversation and sequence number reached.
     */
    private Optional<Checkpoint> messages(WorkspaceId workspace, UUID export, Checkpoint at) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ConversationId conversation = at.cursor() == null ? null : ConversationId.of(at.cursor());
        long after = at.after();
        long written = 0;
        if (conversation == null) {
            conversation = firstAfter(workspace, null);
        }
        while (conversation != null && written < MESSAGES_PER_STEP) {
            List<Message> batch = conversations.messagesAfter(workspace, conversation, after);
            for (Message m : batch) {
                lines.writeBytes(JSON.writeValueAsBytes(ExportWriting.message(m)));
                lines.write('\n');
            }
            written += batch.size();
            if (batch.size() < ConversationManagement.MAX_BATCH) {
                conversation = firstAfter(workspace, conversation);
                after = 0;
            }
            else {
                after = batch.getLast().seq();
            }
        }
        if (written == 0 && conversation == null) {
            return Optional.of(at.next(Phase.FILES));
        }
        files.write(workspace, export, part("messages", at.part()), lines.toByteArray());
        if (conversation == null) {
            return Optional.of(new Checkpoint(Phase.FILES, null, 0, 0, at.contacts(), at.conversations(),
                    at.messages() + written, at.files(), at.audit()));
        }
        return Optional.of(new Checkpoint(at.phase(), conversation.toString(), at.part() + 1, after, at.contacts(),
                at.conversations(), at.messages() + written, at.files(), at.audit()));
    }

    private ConversationId firstAfter(WorkspaceId workspace, ConversationId after) {
        List<Conversation> next = conversations.page(workspace, after, 1);
        return next.isEmpty() ? null : next.getFirst().id();
    }

    private Optional<Checkpoint> files(WorkspaceId workspace, UUID export, Checkpoint at) {
        List<Attachment> page = attachments.storedBefore(workspace, Timestamps.now(clock).plus(Duration.ofDays(1)),
                at.cursor() == null ? null : AttachmentId.of(at.cursor()), FILES_PER_STEP);
        if (page.isEmpty()) {
            return Optional.of(at.next(Phase.AUDIT));
        }
        StringBuilder lines = new StringBuilder();
        for (Attachment file : page) {
            Optional<byte[]> content = attachments.content(workspace, file.id());
            content.ifPresent(bytes -> files.write(workspace, export, "file-" + ExportWriting.filePath(file), bytes));
            lines.append(JSON.writeValueAsString(ExportWriting.file(file, content.isPresent()))).append('\n');
        }
        files.write(workspace, export, part("files", at.part()), lines.toString().getBytes(StandardCharsets.UTF_8));
        return Optional.of(new Checkpoint(at.phase(), page.getLast().id().toString(), at.part() + 1, 0, at.contacts(),
                at.conversations(), at.messages(), at.files() + page.size(), at.audit()));
    }

    private Optional<Checkpoint> audit(WorkspaceId workspace, UUID export, Checkpoint at) {
        long after = at.cursor() == null ? 0 : Long.parseLong(at.cursor());
        List<AuditEntry> page = audit.entriesAfter(workspace, after, MESSAGES_PER_STEP);
        if (page.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder lines = new StringBuilder();
        for (AuditEntry e : page) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("sequence", e.sequence());
            json.put("at", e.at().toString());
            json.put("actor", Map.of("kind", e.actor().kind().name().toLowerCase(), "id", e.actor().id(), "label",
                    e.actor().label()));
            json.put("action", e.action());
            json.put("target", e.target());
            json.put("outcome", e.outcome().name().toLowerCase());
            json.put("sourceIp", e.sourceIp());
            json.put("userAgent", e.userAgent());
            json.put("details", JSON.readTree(e.details()));
            json.put("hash", HexFormat.of().formatHex(e.hash()));
            lines.append(JSON.writeValueAsString(json)).append('\n');
        }
        files.write(workspace, export, part("audit", at.part()), lines.toString().getBytes(StandardCharsets.UTF_8));
        return Optional.of(new Checkpoint(at.phase(), Long.toString(page.getLast().sequence()), at.part() + 1, 0,
                at.contacts(), at.conversations(), at.messages(), at.files(), at.audit() + page.size()));
    }

    private static String part(String section, int number) {
        return section + "-" + String.format("%06d", number);
    }

}
