package org.confidant.conversation.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.contact.LiveVisits;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationFilter;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.ConversationSummary;
import org.confidant.conversation.Label;
import org.confidant.conversation.LabelId;
import org.confidant.conversation.LabelManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent's inbox view: the conversation list (with filters and unread markers,
 * refreshed live by the dashboard script through htmx), the thread, the resolve / reopen
 * / assign actions and the contact card. Everything goes through the member's grants: a
 * conversation outside their scope is not found.
 */
@Controller
class ConversationController {

    /** The thread view shows at most this many of the latest messages. */
    private static final int THREAD_WINDOW = ConversationManagement.MAX_BATCH;

    private final ConversationManagement conversations;

    private final ContactManagement contacts;

    private final LabelManagement labels;

    private final InboxManagement inboxes;

    private final LiveVisits liveVisits;

    private final Clock clock;

    ConversationController(ConversationManagement conversations, ContactManagement contacts, LabelManagement labels,
            InboxManagement inboxes, LiveVisits liveVisits, Clock clock) {
        this.liveVisits = liveVisits;
        this.clock = clock;
        this.conversations = conversations;
        this.contacts = contacts;
        this.labels = labels;
        this.inboxes = inboxes;
    }

    @GetMapping({ "/", "/app", "/app/conversations" })
    String inbox(Grants me, @RequestParam(defaultValue = "open") String filter,
            @RequestParam(defaultValue = "") String inbox, @RequestParam(defaultValue = "") String label,
            @RequestParam(defaultValue = "") String assignee, Model model) {
        addList(me, new ListQuery(filter, inbox, label, assignee), null, model);
        return "conversation/inbox";
    }

    /** The list alone, for the live refresh. */
    @GetMapping("/app/conversations/list")
    String list(Grants me, @RequestParam(defaultValue = "open") String filter,
            @RequestParam(defaultValue = "") String inbox, @RequestParam(defaultValue = "") String label,
            @RequestParam(defaultValue = "") String assignee, @RequestParam(required = false) ConversationId selected,
            Model model) {
        addList(me, new ListQuery(filter, inbox, label, assignee), selected, model);
        return "conversation/inbox :: list";
    }

    @GetMapping("/app/conversations/{id}")
    String thread(Grants me, @PathVariable ConversationId id, @RequestParam(defaultValue = "open") String filter,
            @RequestParam(defaultValue = "") String inbox, @RequestParam(defaultValue = "") String label,
            @RequestParam(defaultValue = "") String assignee, Model model) {
        ListQuery query = new ListQuery(filter, inbox, label, assignee);
        Conversation conversation = conversations.open(me, id).orElseThrow(() -> new NotFound("conversation"));
        model.addAttribute("conversation", conversation);
        model.addAttribute("contact",
                contacts.find(me.workspaceId(), conversation.contactId()).orElseThrow(() -> new NotFound("contact")));
        Optional<ContactManagement.SignedDetails> signed = contacts.signedDetails(me.workspaceId(),
                conversation.contactId());
        model.addAttribute("contactVerified", signed.isPresent());
        model.addAttribute("contactSigned", signed.orElse(new ContactManagement.SignedDetails(false, false)));
        if (me.has(Permission.CONTACTS_READ)) {
            model.addAttribute("earlier", conversations.earlier(me, id));
            liveVisits.now(me.workspaceId(), conversation.contactId())
                .ifPresent(visit -> model.addAttribute("visitNow",
                        new VisitNow(visit.page(), visit.browser(), visit.localTime(clock))));
        }
        model.addAttribute("timeline", ThreadItem.timeline(
                conversations.messagesAfter(me.workspaceId(), id, Math.max(0, conversation.lastSeq() - THREAD_WINDOW)),
                conversations.notes(me, id)));
        conversations.markRead(me, id, conversation.lastSeq());
        addHead(me, conversation, filter, model);
        addList(me, query, id, model);
        return "conversation/inbox";
    }

    /**
     * The thread's head alone (status, assignee and actions), for the dashboard to
     * replace in place when a colleague changes the conversation: the reply box is left
     * as it is.
     */
    @GetMapping("/app/conversations/{id}/head")
    String head(Grants me, @PathVariable ConversationId id, @RequestParam(defaultValue = "open") String filter,
            Model model) {
        Conversation conversation = conversations.find(me, id).orElseThrow(() -> new NotFound("conversation"));
        model.addAttribute("conversation", conversation);
        model.addAttribute("contact",
                contacts.find(me.workspaceId(), conversation.contactId()).orElseThrow(() -> new NotFound("contact")));
        addHead(me, conversation, filter, model);
        return "conversation/inbox :: head";
    }

    @PostMapping("/app/conversations/{id}/resolve")
    String resolve(Grants me, @PathVariable ConversationId id, @RequestParam(defaultValue = "open") String filter) {
        conversations.resolve(me, id);
        return backTo(id, filter);
    }

    /**
     * Resolves the conversations chosen in the list, all or none (one the member cannot
     * read refuses the whole request), and shows the list again as it was.
     */
    @PostMapping("/app/conversations/resolve")
    String resolveAll(Grants me, @RequestParam(name = "conversation", required = false) List<ConversationId> chosen,
            @RequestParam(defaultValue = "open") String filter, @RequestParam(defaultValue = "") String inbox,
            @RequestParam(defaultValue = "") String label, @RequestParam(defaultValue = "") String assignee,
            RedirectAttributes redirect) {
        ListQuery query = new ListQuery(filter, inbox, label, assignee);
        int resolved = conversations.resolveAll(me, chosen == null ? List.of() : chosen).size();
        redirect.addFlashAttribute("bulkResolved", resolved);
        return "redirect:/app/conversations?" + query.query();
    }

    @PostMapping("/app/conversations/{id}/reopen")
    String reopen(Grants me, @PathVariable ConversationId id, @RequestParam(defaultValue = "open") String filter) {
        conversations.reopen(me, id);
        return backTo(id, filter);
    }

    /** Assigns the conversation to the member, or to {@code assignee} when given. */
    @PostMapping("/app/conversations/{id}/assign")
    String assign(Grants me, @PathVariable ConversationId id, @RequestParam(required = false) MemberId assignee,
            @RequestParam(defaultValue = "open") String filter) {
        conversations.assign(me, id, assignee == null ? me.memberId() : assignee);
        return backTo(id, filter);
    }

    @PostMapping("/app/conversations/{id}/unassign")
    String unassign(Grants me, @PathVariable ConversationId id, @RequestParam(defaultValue = "open") String filter) {
        conversations.assign(me, id, null);
        return backTo(id, filter);
    }

    /** Puts one of the workspace's labels on the conversation. */
    @PostMapping("/app/conversations/{id}/labels")
    String label(Grants me, @PathVariable ConversationId id, @RequestParam LabelId label,
            @RequestParam(defaultValue = "open") String filter) {
        labels.apply(me, id, label);
        return backTo(id, filter);
    }

    /** Takes a label off the conversation. */
    @PostMapping("/app/conversations/{id}/labels/remove")
    String unlabel(Grants me, @PathVariable ConversationId id, @RequestParam LabelId label,
            @RequestParam(defaultValue = "open") String filter) {
        labels.remove(me, id, label);
        return backTo(id, filter);
    }

    /**
     * Blocks the conversation's contact: their chat sessions end and new ones are refused
     * until unblocked.
     */
    @PostMapping("/app/conversations/{id}/contact/block")
    String blockContact(Grants me, @PathVariable ConversationId id,
            @RequestParam(defaultValue = "open") String filter) {
        conversations.setContactBlocked(me, id, true);
        return backTo(id, filter);
    }

    @PostMapping("/app/conversations/{id}/contact/unblock")
    String unblockContact(Grants me, @PathVariable ConversationId id,
            @RequestParam(defaultValue = "open") String filter) {
        conversations.setContactBlocked(me, id, false);
        return backTo(id, filter);
    }

    /**
     * The contact card's form: the agent records who the visitor of this conversation is.
     */
    @PostMapping("/app/conversations/{id}/contact")
    String updateContact(Grants me, @PathVariable ConversationId id,
            @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String phone, RedirectAttributes redirect) {
        Conversation conversation = conversations.find(me, id).orElseThrow(() -> new NotFound("conversation"));
        me.require(Permission.CONTACTS_READ);
        me.require(Permission.CONTACTS_EDIT);
        try {
            contacts.updateDetails(me.workspaceId(), conversation.contactId(), me.memberId(), displayName, email,
                    phone);
        }
        catch (Rejected rejected) {
            redirect.addFlashAttribute("contactError", rejected.getMessage());
        }
        return "redirect:/app/conversations/" + id;
    }

    private void addHead(Grants me, Conversation conversation, String filter, Model model) {
        model.addAttribute("filter", filter(filter).name().toLowerCase(Locale.ROOT));
        List<Label> carried = labels.of(me, conversation.id());
        model.addAttribute("labels", carried);
        model.addAttribute("labelChoices", me.has(Permission.CONVERSATIONS_REPLY)
                ? labels.all(me).stream().filter(l -> !carried.contains(l)).toList() : List.of());
        model.addAttribute("contactBlocked",
                !contacts.blockedAmong(me.workspaceId(), Set.of(conversation.contactId())).isEmpty());
        List<Member> assignable = conversations.assignableMembers(me, conversation.id());
        model.addAttribute("assignable", assignable);
        model.addAttribute("assigneeName",
                conversation.assignee() == null ? null
                        : assignable.stream()
                            .filter(m -> m.id().equals(conversation.assignee()))
                            .map(Member::displayName)
                            .findFirst()
                            .orElseGet(() -> conversations.memberName(me, conversation.assignee())));
    }

    private void addList(Grants me, ListQuery query, ConversationId selected, Model model) {
        model.addAttribute("filter", query.filter());
        model.addAttribute("filters", ConversationFilter.values());
        model.addAttribute("query", query);
        model.addAttribute("listQuery", query.query());
        model.addAttribute("selected", selected);
        model.addAttribute("filterInboxes", switch (me.visibility()) {
            case ALL -> inboxes.list(me.workspaceId());
            case INBOXES -> inboxes.list(me.workspaceId()).stream().filter(i -> me.inboxes().contains(i.id())).toList();
            case ASSIGNED, NONE -> List.of();
        });
        model.addAttribute("filterLabels", labels.all(me));
        model.addAttribute("filterMembers", conversations.members(me));
        List<ConversationSummary> summaries = conversations.list(me, query.conversationFilter(), query.refinement());
        model.addAttribute("summaries", summaries);
        List<ContactId> listed = summaries.stream().map(s -> s.conversation().contactId()).toList();
        model.addAttribute("verifiedContacts", contacts.verifiedAmong(me.workspaceId(), listed));
        model.addAttribute("blockedContacts", contacts.blockedAmong(me.workspaceId(), listed));
        model.addAttribute("listLabels", labels.of(me, summaries.stream().map(s -> s.conversation().id()).toList()));
    }

    private static String backTo(ConversationId id, String filter) {
        return "redirect:/app/conversations/" + id + "?filter=" + filter(filter).name().toLowerCase(Locale.ROOT);
    }

    private static ConversationFilter filter(String name) {
        return new ListQuery(name, "", "", "").conversationFilter();
    }

    /**
     * The side panel's "Now": what the connected visitor's widget says of the visit (the
     * page's path and local time may be null).
     */
    record VisitNow(@Nullable String page, String browser, @Nullable String localTime) {
    }

}
