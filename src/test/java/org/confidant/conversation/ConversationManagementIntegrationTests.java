package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.access.Grants;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Posting, ordering, idempotency, validation, state changes and workspace isolation of
 * conversations.
 */
@IntegrationTest
class ConversationManagementIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    ContactManagement contacts;

    @Autowired
    InboxManagement inboxes;

    Member owner;

    Inbox inbox;

    Contact visitor;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        inbox = inboxes.create(fixtures.grants(owner), "shop.test");
        visitor = contacts.createVisitor(owner.workspaceId(), inbox.id(), "203.0.113.7");
    }

    @Test
    void theFirstVisitorMessageOpensTheConversationAndMessagesAreNumberedInOrder() {
        PostResult first = visitorSays("v-1", "Hello");
        PostResult second = agentSays(first.message().conversationId(), "a-1", "Hi, how can I help?");
        PostResult third = visitorSays("v-2", "My order is late");

        assertThat(List.of(first, second, third)).extracting(r -> r.message().seq()).containsExactly(1L, 2L, 3L);
        assertThat(third.message().conversationId()).isEqualTo(first.message().conversationId());
        Conversation conversation = conversations.find(owner.workspaceId(), first.message().conversationId())
            .orElseThrow();
        assertThat(conversation.status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(conversation.lastSeq()).isEqualTo(3);
        assertThat(conversations.messagesAfter(owner.workspaceId(), conversation.id(), 1))
            .extracting(Message::seq, Message::authorKind, Message::text, Message::authorName)
            .containsExactly(tuple(2L, AuthorKind.AGENT, "Hi, how can I help?", owner.displayName()),
                    tuple(3L, AuthorKind.VISITOR, "My order is late", visitor.displayName()));
    }

    @Test
    void resendingTheSameClientMsgIdStoresNothingNewAndAnswersTheOriginal() {
        PostResult original = visitorSays("same-id", "Where is my parcel?");
        PostResult again = visitorSays("same-id", "Where is my parcel?");

        assertThat(again.duplicate()).isTrue();
        assertThat(again.message().seq()).isEqualTo(original.message().seq());
        assertThat(conversations.messagesAfter(owner.workspaceId(), original.message().conversationId(), 0)).hasSize(1);
    }

    @Test
    void reusingAClientMsgIdForAnotherTextIsRefusedAndChangesNothing() {
        PostResult original = visitorSays("reused", "first text");

        assertThatThrownBy(() -> visitorSays("reused", "another text")).isInstanceOf(Rejected.class)
            .extracting("code")
            .isEqualTo("client_msg_id_conflict");
        assertThatThrownBy(() -> agentSays(original.message().conversationId(), "reused", "first text"))
            .isInstanceOf(Rejected.class)
            .extracting("code")
            .isEqualTo("client_msg_id_conflict");
        assertThat(conversations.messagesAfter(owner.workspaceId(), original.message().conversationId(), 0))
            .extracting(Message::text)
            .containsExactly("first text");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "   \t\n  ", "\u00a0\u200b\u2003", "\r\n" })
    void blankMessagesAreRefusedAndNothingIsStored(String text) {
        assertThatThrownBy(() -> visitorSays("blank", text)).isInstanceOf(Rejected.class)
            .extracting("code")
            .isEqualTo("message_empty");
        assertThat(conversations.findForContact(owner.workspaceId(), inbox.id(), visitor.id())).isEmpty();
    }

    @Test
    void messagesOverFiveThousandCharactersAreRefusedCountingCodePoints() {
        String emoji = "\ud83d\ude00"; // one code point, two UTF-16 units
        PostResult atLimit = visitorSays("limit", emoji.repeat(5_000));
        assertThat(atLimit.message().text().codePointCount(0, atLimit.message().text().length())).isEqualTo(5_000);

        assertThatThrownBy(() -> visitorSays("over", "x".repeat(5_001))).isInstanceOf(Rejected.class)
            .extracting("code")
            .isEqualTo("message_too_long");
        assertThat(conversations.messagesAfter(owner.workspaceId(), atLimit.message().conversationId(), 0)).hasSize(1);
    }

    @Test
    void controlCharactersAndBadClientMsgIdsAreRefused() {
        assertThatThrownBy(() -> visitorSays("nul", "a\u0000b")).isInstanceOf(Rejected.class)
            .extracting("code")
            .isEqualTo("message_control_characters");
        for (String bad : new String[] { null, "", "has space", "x".repeat(65), "ünïcode" }) {
            assertThatThrownBy(() -> visitorSays(bad, "hello")).isInstanceOf(Rejected.class)
                .extracting("code")
                .isEqualTo("bad_client_msg_id");
        }
        assertThat(conversations.findForContact(owner.workspaceId(), inbox.id(), visitor.id())).isEmpty();
    }

    @Test
    void textIsStoredExactlyAsWritten() {
        String text = "<script>alert(1)</script> & \"quotes\" 'single' \\ back\nnew line ✓";
        PostResult posted = visitorSays("verbatim", text);
        assertThat(conversations.messagesAfter(owner.workspaceId(), posted.message().conversationId(), 0))
            .extracting(Message::text)
            .containsExactly(text);
    }

    @Test
    void anotherWorkspaceCannotSeeOrTouchTheConversation() {
        ConversationId id = visitorSays("mine", "private").message().conversationId();
        Member stranger = fixtures.workspaceWithOwner();

        assertThat(conversations.find(stranger.workspaceId(), id)).isEmpty();
        assertThatThrownBy(() -> conversations.messagesAfter(stranger.workspaceId(), id, 0))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> conversations.postFromAgent(grants(stranger), id, "x", "hi"))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> conversations.resolve(grants(stranger), id)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> conversations.assign(grants(stranger), id, stranger.id()))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> conversations.markRead(grants(stranger), id, 1)).isInstanceOf(NotFound.class);
        assertThat(conversations.list(grants(stranger), ConversationFilter.OPEN)).isEmpty();
        // nor can a member of one workspace be made the assignee in another
        assertThatThrownBy(() -> conversations.assign(grants(owner), id, stranger.id())).isInstanceOf(NotFound.class);
        assertThat(conversations.find(owner.workspaceId(), id).orElseThrow().assignee()).isNull();
    }

    @Test
    void resolveReopenAssignAndTheListFilters() {
        ConversationId id = visitorSays("one", "hello").message().conversationId();
        Member agent = fixtures.agent(owner, "Bea Agent");

        assertThat(ids(ConversationFilter.OPEN, owner)).containsExactly(id);
        assertThat(ids(ConversationFilter.UNASSIGNED, owner)).containsExactly(id);
        assertThat(ids(ConversationFilter.MINE, agent)).isEmpty();

        conversations.assign(grants(owner), id, agent.id());
        assertThat(ids(ConversationFilter.MINE, agent)).containsExactly(id);
        assertThat(ids(ConversationFilter.UNASSIGNED, owner)).isEmpty();
        assertThat(conversations.list(grants(owner), ConversationFilter.OPEN).getFirst().assigneeName())
            .isEqualTo("Bea Agent");

        conversations.resolve(grants(owner), id);
        assertThat(ids(ConversationFilter.OPEN, owner)).isEmpty();
        assertThat(ids(ConversationFilter.RESOLVED, owner)).containsExactly(id);

        conversations.reopen(grants(owner), id);
        assertThat(ids(ConversationFilter.OPEN, owner)).containsExactly(id);

        conversations.assign(grants(owner), id, null);
        assertThat(ids(ConversationFilter.UNASSIGNED, owner)).containsExactly(id);
    }

    @Test
    void aVisitorWritingIntoAResolvedConversationReopensIt() {
        ConversationId id = visitorSays("first", "hello").message().conversationId();
        conversations.resolve(grants(owner), id);

        PostResult again = visitorSays("second", "one more question");

        assertThat(again.message().conversationId()).isEqualTo(id);
        assertThat(conversations.find(owner.workspaceId(), id).orElseThrow().status())
            .isEqualTo(ConversationStatus.OPEN);
    }

    @Test
    void unreadCountsFollowEachMembersReadMarker() {
        ConversationId id = visitorSays("u1", "one").message().conversationId();
        visitorSays("u2", "two");
        Member agent = fixtures.agent(owner, "Cy Agent");
        fixtures.joinInbox(owner, inbox.id(), agent);
        assertThat(unread(agent)).isEqualTo(2);

        conversations.markRead(grants(agent), id, 1);
        assertThat(unread(agent)).isEqualTo(1);
        conversations.markRead(grants(agent), id, 0); // never moves backwards
        assertThat(unread(agent)).isEqualTo(1);
        conversations.markRead(grants(agent), id, 99); // clamped to what exists
        assertThat(unread(agent)).isZero();
        assertThat(conversations.lastReadSeq(owner.workspaceId(), id, agent.id())).isEqualTo(2);

        visitorSays("u3", "three");
        assertThat(unread(agent)).isEqualTo(1);
        assertThat(unread(owner)).isEqualTo(3);
    }

    @Test
    void concurrentReadsAndRepliesOfOneMemberNeverCollideOnTheirReadMarker() throws Exception {
        ConversationId id = visitorSays("r1", "one").message().conversationId();
        visitorSays("r2", "two");
        Member agent = fixtures.agent(owner, "Di Agent");
        fixtures.joinInbox(owner, inbox.id(), agent);
        Grants grants = grants(agent);

        // the member's first marker of the conversation, created by sixteen sockets and
        // one reply at once
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            long seq = 1 + i % 2;
            calls.add(() -> {
                conversations.markRead(grants, id, seq);
                return null;
            });
        }
        calls.add(() -> conversations.postFromAgent(grants, id, "reply-r", "on it"));
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Object> call : pool.invokeAll(calls)) {
                call.get(); // none failed
            }
        }
        assertThat(conversations.lastReadSeq(owner.workspaceId(), id, agent.id())).as("up to the reply").isEqualTo(3);
        assertThat(unread(agent)).isZero();
    }

    @Test
    void concurrentPostsGetGaplessSequenceNumbersAndConcurrentRetriesAreStoredOnce() throws Exception {
        ConversationId id = visitorSays("start", "start").message().conversationId();
        List<Callable<PostResult>> posts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String clientMsgId = "c-" + i;
            posts.add(i % 2 == 0 ? () -> visitorSays(clientMsgId, "visitor " + clientMsgId)
                    : () -> agentSays(id, clientMsgId, "agent " + clientMsgId));
        }
        for (int i = 0; i < 10; i++) {
            posts.add(() -> visitorSays("retried", "the same message"));
        }
        List<PostResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<PostResult> future : pool.invokeAll(posts)) {
                results.add(future.get());
            }
        }

        List<Message> stored = conversations.messagesAfter(owner.workspaceId(), id, 0);
        assertThat(stored).extracting(Message::seq)
            .containsExactlyElementsOf(LongStream.rangeClosed(1, 32).boxed().toList());
        assertThat(stored).filteredOn(m -> m.clientMsgId().equals("retried")).hasSize(1);
        assertThat(results).filteredOn(r -> r.message().clientMsgId().equals("retried"))
            .filteredOn(r -> !r.duplicate())
            .hasSize(1);
    }

    private List<ConversationId> ids(ConversationFilter filter, Member viewer) {
        return conversations.list(grants(viewer), filter).stream().map(s -> s.conversation().id()).toList();
    }

    private long unread(Member member) {
        return conversations.list(grants(member), ConversationFilter.OPEN).getFirst().unread();
    }

    private PostResult visitorSays(String clientMsgId, String text) {
        return conversations.postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), clientMsgId, text);
    }

    private PostResult agentSays(ConversationId id, String clientMsgId, String text) {
        return conversations.postFromAgent(grants(owner), id, clientMsgId, text);
    }

    private Grants grants(Member member) {
        return fixtures.grants(member);
    }

}
