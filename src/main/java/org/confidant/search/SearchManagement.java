package org.confidant.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.AuthorKind;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationChanged;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.ConversationsPurged;
import org.confidant.conversation.MessagePosted;
import org.confidant.crypto.BlindIndex;
import org.confidant.job.JobId;
import org.confidant.job.JobManagement;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The search module's public API: a member's search over the conversations they can open,
 * and the index kept in step with the conversations (written in each posting transaction,
 * deleted with purged and erased conversations and with the workspace).
 */
@NamedInterface("api")
@Service
public class SearchManagement {

    /** The longest query, in characters. */
    public static final int MAX_QUERY = 200;

    /** The most words a query may look for. */
    public static final int MAX_QUERY_WORDS = 10;

    /** Results per page. */
    public static final int PAGE_SIZE = 20;

    /** The last page a search serves (deeper pages: refine the query). */
    public static final int MAX_PAGE = 50;

    /** Bytes of the keyed hash kept per word. */
    static final int TOKEN_BYTES = 16;

    private static final String PURPOSE = "search.word";

    private final SearchIndex index;

    private final BlindIndex blindIndex;

    private final ConversationManagement conversations;

    private final ContactManagement contacts;

    private final JobManagement jobs;

    SearchManagement(SearchIndex index, BlindIndex blindIndex, ConversationManagement conversations,
            ContactManagement contacts, JobManagement jobs) {
        this.jobs = jobs;
        this.index = index;
        this.blindIndex = blindIndex;
        this.conversations = conversations;
        this.contacts = contacts;
    }

    /** One conversation found, as the searching member may see it. */
    @NamedInterface("api")
    public record Hit(Conversation conversation, String contactName) {
    }

    /**
     * A page of results (newest activity first); {@code more} when a next page may hold
     * more.
     */
    @NamedInterface("api")
    public record Results(String query, int page, List<Hit> hits, boolean more) {
    }

    /**
     * The conversations the member can open whose messages (or contact's name) hold every
     * word of the query, or whose contact has exactly the email the query is. Words are
     * whole words after normalisation ({@link SearchTerms}); a blank query, or one with
     * no word of two characters or more, finds nothing.
     * @throws Rejected {@code query_too_long} over {@value #MAX_QUERY} characters,
     * {@code query_too_many_words} over {@value #MAX_QUERY_WORDS} words,
     * {@code malformed_text}, {@code bad_page}
     */
    @Transactional(readOnly = true)
    public Results search(Grants viewer, String query, int page) {
        Text.requireWellFormed(query, "the search");
        String q = query.strip();
        if (q.codePointCount(0, q.length()) > MAX_QUERY) {
            throw new Rejected("query_too_long", "A search has at most " + MAX_QUERY + " characters.");
        }
        if (page < 1 || page > MAX_PAGE) {
            throw new Rejected("bad_page", "Pages go from 1 to " + MAX_PAGE + ": narrow the search for more.");
        }
        Set<String> words = SearchTerms.of(q);
        if (words.size() > MAX_QUERY_WORDS) {
            throw new Rejected("query_too_many_words", "A search looks for at most " + MAX_QUERY_WORDS + " words.");
        }
        WorkspaceId workspace = viewer.workspaceId();
        List<UUID> byEmail = q.contains("@") && !q.contains(" ") && viewer.has(Permission.CONTACTS_READ)
                ? contacts.findByEmail(workspace, q).stream().map(c -> c.id().value()).toList() : List.of();
        if (words.isEmpty() && byEmail.isEmpty()) {
            return new Results(q, page, List.of(), false);
        }
        List<byte[]> tokens = words.stream().map(word -> token(workspace, word)).toList();
        List<ConversationId> found = index.find(viewer, tokens, byEmail, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        List<Conversation> visible = found.stream()
            .limit(PAGE_SIZE)
            .flatMap(id -> conversations.find(viewer, id).stream())
            .toList();
        Map<ContactId, String> names = contacts.displayNames(workspace,
                visible.stream().map(Conversation::contactId).toList());
        return new Results(q, page,
                visible.stream().map(c -> new Hit(c, names.getOrDefault(c.contactId(), "Visitor"))).toList(),
                found.size() > PAGE_SIZE && page < MAX_PAGE);
    }

    /**
     * A committed-to message goes into the index in its own transaction: its redacted
     * text (what was stored) and, for a visitor's message, the name the visitor writes
     * under.
     */
    @EventListener
    void on(MessagePosted posted) {
        Conversation conversation = posted.conversation();
        WorkspaceId workspace = conversation.workspaceId();
        index.upsert(workspace, conversation);
        Set<String> words = new LinkedHashSet<>(SearchTerms.of(posted.message().text()));
        if (posted.message().authorKind() == AuthorKind.VISITOR) {
            words.addAll(SearchTerms.of(posted.message().authorName()));
        }
        index.addTokens(workspace, conversation.id(), tokens(workspace, words));
    }

    /**
     * Adds what the texts (stored, redacted texts of the conversation's messages, or its
     * contact's name) give to the conversation's index; for the re-index job.
     */
    void index(Conversation conversation, List<String> texts) {
        WorkspaceId workspace = conversation.workspaceId();
        index.upsert(workspace, conversation);
        Set<String> words = new LinkedHashSet<>();
        texts.forEach(text -> words.addAll(SearchTerms.of(text)));
        index.addTokens(workspace, conversation.id(), tokens(workspace, words));
    }

    /**
     * Starts rebuilding the workspace's index from what is stored (a job, with progress
     * on the jobs pages): for messages stored before the index existed. Needs
     * {@link Permission#PRIVACY_MANAGE}.
     */
    @Transactional
    public JobId reindex(Grants actor) {
        actor.require(Permission.PRIVACY_MANAGE);
        return jobs.submit(actor, SearchReindexJob.NAME, "");
    }

    /** An assignment (or status change) changes who may find the conversation. */
    @EventListener
    void on(ConversationChanged changed) {
        if (changed.change() != null) {
            index.upsert(changed.conversation().workspaceId(), changed.conversation());
        }
    }

    /**
     * Purged or erased conversations leave the index in the deleting transaction (before
     * the conversations' rows, which the index's rows refer to).
     */
    @EventListener
    @Order(5)
    void on(ConversationsPurged purged) {
        index.delete(purged.workspaceId(), purged.conversationIds().stream().map(ConversationId::value).toList());
    }

    /** A deleted workspace's index goes before its conversations. */
    @EventListener
    @Order(5)
    void on(WorkspaceDeleted deleted) {
        index.deleteWorkspace(deleted.workspaceId());
    }

    private List<byte[]> tokens(WorkspaceId workspace, Set<String> words) {
        List<byte[]> tokens = new ArrayList<>(words.size());
        for (String word : words) {
            tokens.add(token(workspace, word));
        }
        return tokens;
    }

    private byte[] token(WorkspaceId workspace, String word) {
        return Arrays.copyOf(blindIndex.of(workspace, PURPOSE, word), TOKEN_BYTES);
    }

}
