package org.confidant.access;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.confidant.Fixtures;
import org.confidant.alert.AlertChannelId;
import org.confidant.privacy.PrivacyManagement;
import org.confidant.alert.AlertTestSamples;
import org.confidant.alert.ChannelKind;
import org.confidant.attachment.AttachmentId;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.job.JobId;
import org.confidant.job.JobTestSamples;
import org.confidant.lifecycle.ErasureManagement;
import org.confidant.lifecycle.ExportManagement;
import org.confidant.conversation.LabelColour;
import org.confidant.conversation.LabelId;
import org.confidant.conversation.LabelManagement;
import org.confidant.reply.SavedReplyId;
import org.confidant.reply.SavedReplyManagement;
import org.confidant.shared.ContactId;

import org.confidant.shared.ConversationId;
import org.confidant.tenancy.Tenancy;
import org.springframework.context.ApplicationContext;

/**
 * The world the authorization matrices probe: workspace A with an owner, an admin, a
 * manager, an agent in inbox A, an agent in inbox B, an agent of inbox A restricted to
 * assigned conversations, one unassigned conversation in each inbox and a job the owner
 * asked for (a test export, seen by owners only); workspace B with its own inbox,
 * conversation, alert channel and job (the foreign objects); and workspace C, whose owner
 * is the member of another workspace.
 */
public final class MatrixWorld {

    /** Who calls. */
    public enum Caller {

        OWNER, ADMIN, MANAGER, AGENT_IN_INBOX, AGENT_OTHER_INBOX, AGENT_ASSIGNED_ONLY, VISITOR, ANONYMOUS,
        MEMBER_OF_ANOTHER_WORKSPACE;

        /** Whether the caller has a dashboard session. */
        public boolean signedIn() {
            return this != VISITOR && this != ANONYMOUS;
        }

    }

    /** Every caller with a dashboard session. */
    public static final Set<Caller> MEMBERS = EnumSet.of(Caller.OWNER, Caller.ADMIN, Caller.MANAGER,
            Caller.AGENT_IN_INBOX, Caller.AGENT_OTHER_INBOX, Caller.AGENT_ASSIGNED_ONLY,
            Caller.MEMBER_OF_ANOTHER_WORKSPACE);

    /** Who reads (and answers) the conversation of inbox A that nobody is assigned to. */
    public static final Set<Caller> READERS_OF_A = EnumSet.of(Caller.OWNER, Caller.ADMIN, Caller.MANAGER,
            Caller.AGENT_IN_INBOX);

    public final Member owner;

    public final Inbox inboxA;

    public final ConversationId inA;

    /** Workspace A's second inbox, which only one agent is in. */
    public final Inbox inboxB;

    public final ConversationId inB;

    public final Member foreignOwner;

    public final Inbox foreignInbox;

    public final ConversationId foreignConversation;

    /**
     * A file an agent sent in the conversation of inbox A, and one in workspace B's
     * conversation.
     */
    public final AttachmentId attachmentInA;

    public final AttachmentId foreignAttachment;

    public final AlertChannelId foreignAlertChannel;

    /** An invitation of workspace B that still works. */
    public final UUID foreignInvitation;

    /** A redaction rule of workspace B. */
    public final UUID foreignRedactionRule;

    /** A test export the owner of A asked for, and one of workspace B's owner. */
    public final JobId jobInA;

    public final JobId foreignJob;

    /** The contact of the conversation of inbox A, and workspace B's. */
    public final ContactId contactInA;

    public final ContactId foreignContact;

    /** An erasure the owner of A asked for, done (its receipt is signed), and B's. */
    public final JobId erasureInA;

    public final JobId foreignErasure;

    /** A contact export the owner of A asked for, ready to download, and B's owner's. */
    public final UUID exportInA;

    public final UUID foreignExport;

    /** The name of the workspace reply of A that the world holds (and of B's). */
    public static final String SAVED_REPLY_NAME = "matrix-greeting";

    /** A workspace reply of workspace B. */
    public final SavedReplyId foreignSavedReply;

    /** A label of workspace A, for the rows that put one on a conversation. */
    public final LabelId labelInA;

    /** A label of workspace B. */
    public final LabelId foreignLabel;

    /** The member behind each signed-in caller. */
    public final Map<Caller, Member> members;

    private final ApplicationContext context;

    private final Fixtures fixtures;

    private final AtomicInteger counter = new AtomicInteger();

    public MatrixWorld(ApplicationContext context) {
        this.context = context;
        this.fixtures = context.getBean(Fixtures.class);
        InboxManagement inboxes = context.getBean(InboxManagement.class);
        owner = fixtures.workspaceWithOwner();
        inboxA = fixtures.liveInbox(owner, "a.example");
        inboxB = fixtures.liveInbox(owner, "b.example");
        Member admin = memberWithRole("Matrix Admin", Role.ADMIN);
        Member manager = memberWithRole("Matrix Manager", Role.MANAGER);
        Member agentA = fixtures.agent(owner, "Agent A");
        Member agentB = fixtures.agent(owner, "Agent B");
        Member assignedOnly = fixtures.agent(owner, "Agent Assigned");
        fixtures.joinInbox(owner, inboxA.id(), agentA, assignedOnly);
        fixtures.joinInbox(owner, inboxB.id(), agentB);
        context.getBean(AccessManagement.class)
            .setScope(fixtures.grants(owner), assignedOnly.id(), ConversationScope.ASSIGNED);
        inA = visitorWrites(owner, inboxA);
        inB = visitorWrites(owner, inboxB);

        foreignOwner = fixtures.workspaceWithOwner();
        foreignInbox = fixtures.liveInbox(foreignOwner, "foreign.example");
        foreignConversation = visitorWrites(foreignOwner, foreignInbox);
        attachmentInA = ownerSendsFile(owner, inA);
        foreignAttachment = ownerSendsFile(foreignOwner, foreignConversation);
        foreignAlertChannel = newAlertChannel(foreignOwner);
        foreignInvitation = newInvitation(foreignOwner);
        foreignRedactionRule = newRedactionRule(foreignOwner);
        jobInA = JobTestSamples.export(context, owner, 1, Duration.ZERO);
        foreignJob = JobTestSamples.export(context, foreignOwner, 1, Duration.ZERO);
        ConversationManagement conversations = context.getBean(ConversationManagement.class);
        contactInA = conversations.find(owner.workspaceId(), inA).orElseThrow().contactId();
        foreignContact = conversations.find(foreignOwner.workspaceId(), foreignConversation).orElseThrow().contactId();
        erasureInA = finishedErasure(owner);
        foreignErasure = finishedErasure(foreignOwner);
        exportInA = readyExport(owner, contactInA);
        foreignExport = readyExport(foreignOwner, foreignContact);
        newSavedReply(owner, SAVED_REPLY_NAME);
        foreignSavedReply = newSavedReply(foreignOwner, SAVED_REPLY_NAME);
        labelInA = newLabel(owner);
        foreignLabel = newLabel(foreignOwner);
        Member stranger = fixtures.workspaceWithOwner();

        members = Map.of(Caller.OWNER, owner, Caller.ADMIN, admin, Caller.MANAGER, manager, Caller.AGENT_IN_INBOX,
                agentA, Caller.AGENT_OTHER_INBOX, agentB, Caller.AGENT_ASSIGNED_ONLY, assignedOnly,
                Caller.MEMBER_OF_ANOTHER_WORKSPACE, stranger);
    }

    /** The conversations of the caller's dashboard views that they may not read. */
    public List<ConversationId> hiddenFrom(Caller caller) {
        return switch (caller) {
            case OWNER, ADMIN, MANAGER -> List.of(foreignConversation);
            case AGENT_IN_INBOX -> List.of(inB, foreignConversation);
            case AGENT_OTHER_INBOX -> List.of(inA, foreignConversation);
            default -> List.of(inA, inB, foreignConversation);
        };
    }

    /** A new agent of workspace A, for a route that changes or removes its target. */
    public Member freshMember() {
        return fixtures.agent(owner, "Target " + counter.incrementAndGet());
    }

    /** A new inbox of workspace A. */
    public Inbox freshInbox() {
        return context.getBean(InboxManagement.class)
            .create(fixtures.grants(owner), "fresh-" + counter.incrementAndGet());
    }

    /** A new label of workspace A, for a route that changes or deletes it. */
    public LabelId freshLabel() {
        return newLabel(owner);
    }

    private LabelId newLabel(Member workspaceOwner) {
        return context.getBean(LabelManagement.class)
            .add(fixtures.grants(workspaceOwner), "matrix " + counter.incrementAndGet(), LabelColour.TEAL)
            .id();
    }

    /** A new redaction rule of workspace A. */
    public UUID freshRedactionRule() {
        return newRedactionRule(owner);
    }

    private UUID newRedactionRule(Member workspaceOwner) {
        return context.getBean(PrivacyManagement.class)
            .addRule(fixtures.grants(workspaceOwner), "Matrix " + counter.incrementAndGet(), "MATRIX-[0-9]{4}")
            .id();
    }

    /** A new invitation of workspace A, for a route that revokes it. */
    public UUID freshInvitation() {
        return newInvitation(owner);
    }

    private UUID newInvitation(Member workspaceOwner) {
        return Tenancy.run(workspaceOwner.workspaceId(),
                () -> context.getBean(AccountManagement.class)
                    .invite(workspaceOwner.workspaceId(), workspaceOwner.id(), Role.AGENT)
                    .id());
    }

    /** A new workspace reply of workspace A. */
    public SavedReplyId freshSavedReply() {
        return newSavedReply(owner, "fresh-" + counter.incrementAndGet());
    }

    private SavedReplyId newSavedReply(Member workspaceOwner, String name) {
        return context.getBean(SavedReplyManagement.class)
            .add(fixtures.grants(workspaceOwner), SavedReplyManagement.Scope.WORKSPACE, name,
                    "Hello {{contact.name}}, {{agent.name}} here.")
            .id();
    }

    /** A new alert channel of workspace A. */
    public AlertChannelId freshAlertChannel() {
        return newAlertChannel(owner);
    }

    /** A new job of workspace A that its owner asked for, for a route that changes it. */
    public JobId freshJob() {
        return JobTestSamples.export(context, owner, 1, Duration.ZERO);
    }

    /** A new unassigned conversation of inbox A. */
    public ConversationId freshConversation() {
        return visitorWrites(owner, inboxA);
    }

    /** A new file in the conversation of inbox A, for a route that removes its target. */
    public AttachmentId freshAttachment() {
        return ownerSendsFile(owner, inA);
    }

    /**
     * The query of a download link of an export (of A's owner, or B's), signed now for
     * its requester.
     */
    public String exportLink(boolean foreign) {
        Member requester = foreign ? foreignOwner : owner;
        return context.getBean(ExportManagement.class)
            .link(fixtures.grants(requester), (foreign ? foreignExport : exportInA).toString());
    }

    private JobId finishedErasure(Member requester) {
        JobId job = context.getBean(ErasureManagement.class)
            .eraseEmail(fixtures.grants(requester), "nobody-" + counter.incrementAndGet() + "@matrix.example");
        JobTestSamples.untilFinished(context, requester, job, Duration.ofSeconds(30));
        return job;
    }

    private UUID readyExport(Member requester, ContactId contact) {
        ExportManagement.ExportStatus status = context.getBean(ExportManagement.class)
            .exportContact(fixtures.grants(requester), contact.toString());
        JobTestSamples.untilFinished(context, requester, status.job().id(), Duration.ofSeconds(30));
        return status.export().id();
    }

    /** A number not used before in this world, for names that must be unique. */
    public int nextNumber() {
        return counter.incrementAndGet();
    }

    private ConversationId visitorWrites(Member workspaceOwner, Inbox inbox) {
        var visitor = context.getBean(ContactManagement.class)
            .createVisitor(workspaceOwner.workspaceId(), inbox.id(), "192.0.2.10");
        return context.getBean(ConversationManagement.class)
            .postFromVisitor(workspaceOwner.workspaceId(), inbox.id(), visitor.id(), "m-" + UUID.randomUUID(),
                    "hello from the matrix")
            .message()
            .conversationId();
    }

    private AttachmentId ownerSendsFile(Member workspaceOwner, ConversationId conversation) {
        return context.getBean(AttachmentManagement.class)
            .uploadFromAgent(fixtures.grants(workspaceOwner), conversation, "matrix.txt",
                    new ByteArrayInputStream("A file for the matrix.\n".getBytes(StandardCharsets.UTF_8)))
            .id();
    }

    private AlertChannelId newAlertChannel(Member workspaceOwner) {
        // stored as it is: the shared application's egress allowlist is empty, so
        // saving one through the page is refused
        return AlertTestSamples.storedWebhook(context, workspaceOwner.workspaceId(), ChannelKind.SIGNED_WEBHOOK,
                "https://hooks.example.com/matrix-" + counter.incrementAndGet());
    }

    private Member memberWithRole(String name, Role role) {
        Member member = fixtures.agent(owner, name);
        context.getBean(AccessManagement.class).changeRole(fixtures.grants(owner), member.id(), role);
        return member;
    }

}
