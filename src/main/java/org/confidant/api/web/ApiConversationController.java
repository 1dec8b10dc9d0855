package org.confidant.api.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.api.ApiCaller;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationFilter;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
import org.confidant.conversation.PostResult;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API, version 1: the conversations a token's member can read, their messages, and
 * replies. Each call acts with the member's current grants narrowed to the token's scope;
 * conversations out of that reach answer 404.
 */
@RestController
class ApiConversationController {

    private final ConversationManagement conversations;

    ApiConversationController(ConversationManagement conversations) {
        this.conversations = conversations;
    }

    /**
     * A conversation as the API shows it; the contact's name only with
     * {@code contacts.read}.
     */
    record ConversationView(ConversationId id, String inboxId, String status, String assigneeId, String contactName,
            long lastSeq, Instant lastMessageAt) {
    }

    record MessageView(long seq, String clientMsgId, String author, String authorName, String text, Instant sentAt,
            boolean redacted) {
    }

    record Reply(String clientMsgId, String text) {
    }

    record Posted(long seq, boolean duplicate) {
    }

    @GetMapping("/api/v1/conversations")
    List<ConversationView> list(ApiCaller caller, @RequestParam(defaultValue = "open") String filter) {
        Grants grants = caller.grants();
        boolean namesContacts = grants.has(Permission.CONTACTS_READ);
        return conversations.list(grants, filter(filter)).stream().map(summary -> {
            Conversation c = summary.conversation();
            return new ConversationView(c.id(), c.inboxId().toString(), c.status().name().toLowerCase(Locale.ROOT),
                    c.assignee() == null ? null : c.assignee().value().toString(),
                    namesContacts ? summary.contactName() : null, c.lastSeq(), c.lastMessageAt());
        }).toList();
    }

    @GetMapping("/api/v1/conversations/{id}/messages")
    List<MessageView> messages(ApiCaller caller, @PathVariable ConversationId id,
            @RequestParam(defaultValue = "0") long after) {
        Conversation conversation = conversations.find(caller.grants(), id)
            .orElseThrow(() -> new NotFound("conversation"));
        List<Message> messages = conversations.messagesAfter(conversation.workspaceId(), conversation.id(), after);
        return messages.stream()
            .map(m -> new MessageView(m.seq(), m.clientMsgId(), m.authorKind().name().toLowerCase(Locale.ROOT),
                    m.authorName(), m.text(), m.sentAt(), m.redacted()))
            .toList();
    }

    @PostMapping("/api/v1/conversations/{id}/messages")
    ResponseEntity<Posted> reply(ApiCaller caller, @PathVariable ConversationId id, @RequestBody Reply reply) {
        PostResult result = conversations.postFromAgent(caller.grants(), id, reply.clientMsgId(), reply.text());
        return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
            .body(new Posted(result.message().seq(), result.duplicate()));
    }

    private static ConversationFilter filter(String name) {
        for (ConversationFilter filter : ConversationFilter.values()) {
            if (filter.name().equalsIgnoreCase(name)) {
                return filter;
            }
        }
        throw new Rejected("bad_filter", "The filter is one of open, resolved, mine, unassigned or all.");
    }

}
