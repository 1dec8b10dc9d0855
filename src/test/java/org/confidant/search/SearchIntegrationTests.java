package org.confidant.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestClock;
import org.confidant.TestDatabase;
import org.confidant.access.AccessManagement;
import org.confidant.access.ConversationScope;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.api.ApiTestClient;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.job.JobState;
import org.confidant.job.JobTestSamples;
import org.confidant.lifecycle.ErasureManagement;
import org.confidant.shared.ContactId;
import org.confidant.shared.Forbidden;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Search, attacked: an agent finds only what they can open (their inbox, what is assigned
 * to them, never another inbox or another workspace), a contact is found by name and by
 * exact email, a redacted card number cannot be found, the index keeps no word in clear,
 * erasure and purge leave no index row of what they removed, and a query over 200
 * characters is refused.
 */
@IntegrationTest
class SearchIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    SearchManagement search;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    ContactManagement contacts;

    @Autowired
    AccessManagement access;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @LocalServerPort
    int port;

    Member owner;

    Inbox inboxA;

    Inbox inboxB;

    Member agentA;

    Member agentB;

    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        inboxA = fixtures.liveInbox(owner, "search-a.example");
        inboxB = fixtures.liveInbox(owner, "search-b.example");
        agentA = fixtures.agent(owner, "Search Agent A");
        agentB = fixtures.agent(owner, "Search Agent B");
        fixtures.joinInbox(owner, inboxA.id(), agentA);
        fixtures.joinInbox(owner, inboxB.id(), agentB);
    }

    /** A new visitor writes, a second after whatever happened before. */
    private ConversationId visitorWrites(Member workspaceOwner, Inbox inbox, String text) {
        clock.move(Duration.ofSeconds(1));
        ContactId visitor = contacts.createVisitor(workspaceOwner.workspaceId(), inbox.id(), "192.0.2.1").id();
        return conversations
            .postFromVisitor(workspaceOwner.workspaceId(), inbox.id(), visitor, "v-" + UUID.randomUUID(), text)
            .message()
            .conversationId();
    }

    private List<ConversationId> found(Member member, String query) {
        return found(fixtures.grants(member), query);
    }

    private List<ConversationId> found(Grants grants, String query) {
        return search.search(grants, query, 1).hits().stream().map(h -> h.conversation().id()).toList();
    }

    private long indexRows(String table, WorkspaceId workspace, ConversationId conversation) {
        return TestDatabase
            .allRows(() -> jdbc.sql("select count(*) from " + table + " where workspace_id = ? and conversation_id = ?")
                .params(workspace.value(), conversation.value())
                .query(Long.class)
                .single());
    }

    @Test
    void anAgentFindsOnlyWhatTheyCanOpenNeverAnotherInboxOrWorkspace() {
        ConversationId inA = visitorWrites(owner, inboxA, "Where is my parcel? Tracking says Zebra depot.");
        ConversationId inB = visitorWrites(owner, inboxB, "My PARCEL never left the zebra depot");
        Member foreignOwner = fixtures.workspaceWithOwner();
        Inbox foreignInbox = fixtures.liveInbox(foreignOwner, "search-foreign.example");
        ConversationId foreign = visitorWrites(foreignOwner, foreignInbox, "parcel zebra depot");
        Member assignedOnly = fixtures.agent(owner, "Search Assigned");
        fixtures.joinInbox(owner, inboxA.id(), assignedOnly);
        access.setScope(fixtures.grants(owner), assignedOnly.id(), ConversationScope.ASSIGNED);

        assertThat(found(owner, "parcel zebra")).containsExactly(inB, inA);
        assertThat(found(agentA, "parcel zebra")).containsExactly(inA);
        assertThat(found(agentB, "zebra")).containsExactly(inB);
        assertThat(found(assignedOnly, "parcel")).isEmpty();
        assertThat(found(foreignOwner, "parcel zebra depot")).containsExactly(foreign);
        // every word must match, whole words only
        assertThat(found(owner, "parcel giraffe")).isEmpty();
        assertThat(found(owner, "parc")).isEmpty();

        // assignment widens the scope at once, and narrows it again
        conversations.assign(fixtures.grants(owner), inB, agentA.id());
        assertThat(found(agentA, "zebra")).containsExactlyInAnyOrder(inA, inB);
        conversations.assign(fixtures.grants(owner), inA, assignedOnly.id());
        assertThat(found(assignedOnly, "zebra")).containsExactly(inA);
        conversations.assign(fixtures.grants(owner), inB, null);
        assertThat(found(agentA, "zebra")).containsExactly(inA);

        // the page over HTTP names only what the agent can open
        HttpResponse<String> page = DashboardSession.signIn(port, agentA.email(), Fixtures.PASSWORD)
            .get("/app/search?q=zebra");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(inA.toString()).doesNotContain(inB.toString(), foreign.toString());
    }

    @Test
    void aContactIsFoundByNameAndByExactEmailOnlyInTheirWorkspace() {
        ContactId visitor = contacts.createVisitor(owner.workspaceId(), inboxA.id(), "192.0.2.1").id();
        String email = "grace-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        contacts.updateDetails(owner.workspaceId(), visitor, owner.id(), "Grace Hopper", email, "");
        ConversationId conversation = conversations
            .postFromVisitor(owner.workspaceId(), inboxA.id(), visitor, "v-1", "hello there")
            .message()
            .conversationId();
        Member foreignOwner = fixtures.workspaceWithOwner();

        assertThat(found(owner, "HOPPER")).containsExactly(conversation);
        assertThat(found(owner, email.toUpperCase())).containsExactly(conversation);
        assertThat(found(agentB, email)).isEmpty();
        assertThat(found(foreignOwner, email)).isEmpty();
        assertThat(found(foreignOwner, "hopper")).isEmpty();
    }

    @Test
    void aRedactedCardNumberCannotBeFoundAndTheIndexHoldsNoWordInClear() {
        ConversationId conversation = visitorWrites(owner, inboxA, "my card is 4111 1111 1111 1111 thanks");
        assertThat(found(owner, "thanks")).containsExactly(conversation);
        assertThat(found(owner, "4111")).isEmpty();
        assertThat(found(owner, "4111111111111111")).isEmpty();
        assertThat(found(owner, "4111 1111 1111 1111")).isEmpty();

        List<byte[]> tokens = TestDatabase
            .allRows(() -> jdbc.sql("select token from search_token where workspace_id = ? and conversation_id = ?")
                .params(owner.workspaceId().value(), conversation.value())
                .query((rs, n) -> rs.getBytes(1))
                .list());
        assertThat(tokens).isNotEmpty().allSatisfy(token -> {
            assertThat(token).hasSize(SearchManagement.TOKEN_BYTES);
            assertThat(new String(token, StandardCharsets.ISO_8859_1)).doesNotContain("thanks", "card");
        });
    }

    @Test
    void erasureAndPurgeLeaveNoIndexRowsOfWhatTheyRemoved() {
        ContactId erased = contacts.createVisitor(owner.workspaceId(), inboxA.id(), "192.0.2.1").id();
        String email = "erase-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        contacts.updateDetails(owner.workspaceId(), erased, owner.id(), "Ada Erased", email, "");
        ConversationId ofErased = conversations
            .postFromVisitor(owner.workspaceId(), inboxA.id(), erased, "v-1", "walrus canary")
            .message()
            .conversationId();
        conversations.postFromAgent(fixtures.grants(owner), ofErased, "a-1", "walrus answer");
        ConversationId purged = visitorWrites(owner, inboxA, "walrus purge");
        ConversationId kept = visitorWrites(owner, inboxA, "walrus kept");
        assertThat(found(owner, "walrus")).containsExactlyInAnyOrder(ofErased, purged, kept);
        assertThat(indexRows("search_token", owner.workspaceId(), ofErased)).isPositive();

        var job = context.getBean(ErasureManagement.class).eraseEmail(fixtures.grants(owner), email);
        assertThat(JobTestSamples.untilFinished(context, owner, job, Duration.ofSeconds(30)).getLast().state())
            .isEqualTo(JobState.SUCCEEDED);
        conversations.purge(owner.workspaceId(), List.of(purged));

        for (ConversationId gone : List.of(ofErased, purged)) {
            assertThat(indexRows("search_token", owner.workspaceId(), gone)).as("tokens of " + gone).isZero();
            assertThat(indexRows("search_conversation", owner.workspaceId(), gone)).as("scope of " + gone).isZero();
        }
        assertThat(found(owner, "walrus")).containsExactly(kept);
        assertThat(found(owner, "ada")).isEmpty();
        assertThat(indexRows("search_token", owner.workspaceId(), kept)).isPositive();
    }

    @Test
    void aQueryOverTwoHundredCharactersIsRefused() {
        visitorWrites(owner, inboxA, "lengthy");
        String longest = "lengthy" + ",".repeat(SearchManagement.MAX_QUERY - 7);
        String tooLong = longest + ",";
        assertThatThrownBy(() -> found(owner, tooLong)).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo("query_too_long"));
        assertThat(found(owner, longest)).hasSize(1);
        assertThatThrownBy(() -> found(owner, "aa bb cc dd ee ff gg hh ii jj kk")).isInstanceOfSatisfying(
                Rejected.class, rejected -> assertThat(rejected.code()).isEqualTo("query_too_many_words"));

        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        HttpResponse<String> refused = session
            .get("/app/search?q=" + URLEncoder.encode(tooLong, StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(session.get("/app/search?q=lengthy&page=0").statusCode()).isEqualTo(400);
    }

    @Test
    void theApiSearchesWithTheTokensMembersScopeAndRefusesAnOverlongQuery() {
        ConversationId inA = visitorWrites(owner, inboxA, "heron over the api");
        ConversationId inB = visitorWrites(owner, inboxB, "heron elsewhere");
        access.setOverride(fixtures.grants(owner), agentA.id(), Permission.API_TOKENS_CREATE, true);
        ApiTestClient agentApi = new ApiTestClient(port, fixtures.apiTokenWithAllOf(agentA).text());
        HttpResponse<String> found = agentApi.get("/api/v1/search?q=Heron");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(inA.toString()).doesNotContain(inB.toString());
        ApiTestClient ownerApi = new ApiTestClient(port, fixtures.apiTokenWithAllOf(owner).text());
        assertThat(ownerApi.get("/api/v1/search?q=heron").body()).contains(inA.toString(), inB.toString());
        HttpResponse<String> refused = ownerApi.get("/api/v1/search?q=" + "h".repeat(SearchManagement.MAX_QUERY + 1));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("query_too_long");
    }

    @Test
    void anEmailFindsItsContactOnlyForMembersWhoMayReadContacts() {
        ContactId visitor = contacts.createVisitor(owner.workspaceId(), inboxA.id(), "192.0.2.1").id();
        String email = "kestrel-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        contacts.updateDetails(owner.workspaceId(), visitor, owner.id(), "Kestrel", email, "");
        ConversationId conversation = conversations
            .postFromVisitor(owner.workspaceId(), inboxA.id(), visitor, "v-1", "hello")
            .message()
            .conversationId();
        assertThat(found(agentA, email)).containsExactly(conversation);
        access.setOverride(fixtures.grants(owner), agentA.id(), Permission.CONTACTS_READ, false);
        assertThat(found(agentA, email)).isEmpty();
    }

    @Test
    void theReindexJobBackfillsWhatWasStoredBeforeTheIndexAndOnlyPrivacyManagersStartIt() {
        ConversationId conversation = visitorWrites(owner, inboxA, "puffin before the index");
        conversations.postFromAgent(fixtures.grants(owner), conversation, "a-1", "an albatross answer");
        // as if stored before search existed
        TestDatabase.allRows(() -> {
            for (String table : List.of("search_token", "search_conversation")) {
                jdbc.sql("delete from " + table + " where workspace_id = ?")
                    .param(owner.workspaceId().value())
                    .update();
            }
            return null;
        });
        assertThat(found(owner, "puffin")).isEmpty();

        assertThatThrownBy(() -> search.reindex(fixtures.grants(agentA))).isInstanceOf(Forbidden.class);
        var job = search.reindex(fixtures.grants(owner));
        assertThat(JobTestSamples.untilFinished(context, owner, job, Duration.ofSeconds(30)).getLast().state())
            .isEqualTo(JobState.SUCCEEDED);
        assertThat(found(owner, "puffin albatross")).containsExactly(conversation);
        assertThat(found(agentA, "puffin")).containsExactly(conversation);
        assertThat(found(agentB, "puffin")).isEmpty();
    }

    @Test
    void aConversationKeepsItsPlaceByLatestActivity() {
        ConversationId older = visitorWrites(owner, inboxA, "otter first");
        ConversationId newer = visitorWrites(owner, inboxA, "otter second");
        assertThat(found(owner, "otter")).containsExactly(newer, older);
        clock.move(Duration.ofSeconds(1));
        conversations.postFromAgent(fixtures.grants(owner), older, "a-otter", "an answer");
        assertThat(found(owner, "otter")).containsExactly(older, newer);
    }

}
