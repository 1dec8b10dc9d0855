package org.confidant.api.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.api.ApiCaller;
import org.confidant.conversation.Conversation;
import org.confidant.search.SearchManagement;
import org.confidant.shared.ConversationId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API, version 1: search over the conversations a token's member can read (see
 * {@link SearchManagement#search}), with the member's grants narrowed to the token's
 * scope.
 */
@RestController
class ApiSearchController {

    private final SearchManagement search;

    ApiSearchController(SearchManagement search) {
        this.search = search;
    }

    /** A page of results; the contact's name only with {@code contacts.read}. */
    record Found(String query, int page, boolean more, List<Hit> conversations) {
    }

    record Hit(ConversationId id, String inboxId, String status, String assigneeId, String contactName, long lastSeq,
            Instant lastMessageAt) {
    }

    @GetMapping("/api/v1/search")
    Found search(ApiCaller caller, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "1") int page) {
        Grants grants = caller.grants();
        boolean namesContacts = grants.has(Permission.CONTACTS_READ);
        SearchManagement.Results results = search.search(grants, q, page);
        return new Found(results.query(), results.page(), results.more(), results.hits().stream().map(hit -> {
            Conversation c = hit.conversation();
            return new Hit(c.id(), c.inboxId().toString(), c.status().name().toLowerCase(Locale.ROOT),
                    c.assignee() == null ? null : c.assignee().value().toString(),
                    namesContacts ? hit.contactName() : null, c.lastSeq(), c.lastMessageAt());
        }).toList());
    }

}
