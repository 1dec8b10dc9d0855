package org.confidant.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.TestClock;
import org.confidant.access.AccessManagement;
import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationAssigned;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.AuditActor;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Forbidden;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Round-robin routing: the per-agent limit (also under concurrent arrivals), status and
 * presence (away, offline and disconnected agents are passed over), access (a member of
 * another inbox, one who may read nothing, and an owner who is not a member of the inbox
 * are never picked), fairness (the agent routed to least recently goes first), a
 * conversation waiting until an agent comes online or frees a slot, the audit record with
 * the system as actor, and the inbox's routing settings refused whole when bad.
 */
@IntegrationTest
class RoundRobinIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    RoutingManagement routing;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    ContactManagement contacts;

    @Autowired
    AccessManagement access;

    @Autowired
    PublishedEvents published;

    @Autowired
    TestClock clock;

    @Autowired
    RoutingTriggers triggers;

    @LocalServerPort
    int port;

    Member owner;

    Inbox shop;

    Member ana;

    Member bo;

    private final List<Member> connected = new ArrayList<>();

    private int visitors;

    @BeforeEach
    void inboxWithTwoAgents() {
        owner = fixtures.workspaceWithOwner();
        shop = fixtures.liveInbox(owner, "shop.test");
        ana = fixtures.agent(owner, "Ana Agent");
        bo = fixtures.agent(owner, "Bo Agent");
        fixtures.joinInbox(owner, shop.id(), ana, bo);
    }

    @AfterEach
    void disconnect() {
        connected.forEach(member -> routing.dashboardClosed(member.workspaceId(), member.id()));
    }

    @Test
    void offByDefaultAConversationStaysUnassigned() {
        connect(ana);
        ConversationId waiting = arrive();

        assertThat(routing.routing(fixtures.grants(owner), shop.id()))
            .isEqualTo(new InboxRouting(shop.id(), false, InboxRouting.DEFAULT_LIMIT));
        assertThat(assignee(waiting)).isNull();
    }

    @Test
    void noAgentIsGivenMoreOpenConversationsOfTheInboxThanTheLimit() {
        roundRobin(2);
        connect(ana);
        connect(bo);

        List<ConversationId> arrived = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            arrived.add(arrive());
        }

        Map<MemberId, Long> load = load(arrived);
        assertThat(load).containsEntry(ana.id(), 2L).containsEntry(bo.id(), 2L);
        assertThat(assignee(arrived.get(4))).as("the fifth waits: both agents are at the limit").isNull();
    }

    @Test
    void concurrentArrivalsNeverPushAnAgentOverTheLimit() throws Exception {
        roundRobin(3);
        connect(ana);
        connect(bo);
        int arrivals = 16;
        List<Callable<ConversationId>> visitorsArriving = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < arrivals; i++) {
            var visitor = contacts.createVisitor(owner.workspaceId(), shop.id(), "203.0.113." + (20 + i));
            visitorsArriving.add(() -> {
                start.await();
                return conversations.postFromVisitor(owner.workspaceId(), shop.id(), visitor.id(), "v-1", "Hello?")
                    .message()
                    .conversationId();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<ConversationId> arrived = new ArrayList<>();
        try {
            List<Future<ConversationId>> futures = new ArrayList<>();
            for (Callable<ConversationId> arriving : visitorsArriving) {
                futures.add(pool.submit(arriving));
            }
            start.countDown();
            for (Future<ConversationId> future : futures) {
                arrived.add(future.get(60, TimeUnit.SECONDS));
            }
        }
        finally {
            pool.shutdownNow();
        }

        Map<MemberId, Long> load = load(arrived);
        assertThat(load).as("each agent exactly at the limit, never over it")
            .containsOnly(Map.entry(ana.id(), 3L), Map.entry(bo.id(), 3L));
        assertThat(arrived.stream().filter(id -> assignee(id) == null)).hasSize(arrivals - 6);
    }

    @Test
    void awayOfflineAndDisconnectedAgentsArePassedOver() {
        roundRobin(10);
        Member cy = fixtures.agent(owner, "Cy Agent");
        Member dee = fixtures.agent(owner, "Dee Agent");
        fixtures.joinInbox(owner, shop.id(), cy, dee);
        connect(ana);
        routing.setStatus(fixtures.grants(ana), MemberStatus.AWAY);
        connect(bo);
        routing.setStatus(fixtures.grants(bo), MemberStatus.OFFLINE);
        // Cy is online (never chose otherwise) but has no dashboard open
        routing.setStatus(fixtures.grants(cy), MemberStatus.ONLINE);
        connect(dee);
        routing.dashboardOpened(dee.workspaceId(), dee.id());
        routing.dashboardClosed(dee.workspaceId(), dee.id()); // one of Dee's two
                                                              // dashboards closed: still
                                                              // there

        List<ConversationId> arrived = List.of(arrive(), arrive(), arrive());

        assertThat(arrived).extracting(this::assignee).containsOnly(dee.id());
        assertThat(routing.statuses(owner.workspaceId())).containsEntry(ana.id(), MemberStatus.AWAY)
            .containsEntry(bo.id(), MemberStatus.OFFLINE)
            .containsEntry(cy.id(), MemberStatus.OFFLINE)
            .containsEntry(dee.id(), MemberStatus.ONLINE);

        routing.dashboardClosed(dee.workspaceId(), dee.id());
        connected.remove(dee);
        assertThat(assignee(arrive())).as("Dee closed her last dashboard: nobody is there").isNull();
        assertThat(routing.statuses(owner.workspaceId())).containsEntry(dee.id(), MemberStatus.OFFLINE);
    }

    @Test
    void aMemberOfAnotherInboxOneWhoMayReadNothingAndAnOwnerOutsideTheInboxAreNeverPicked() {
        roundRobin(10);
        Inbox support = fixtures.liveInbox(owner, "support.test");
        Member other = fixtures.agent(owner, "Oto Other");
        fixtures.joinInbox(owner, support.id(), other);
        var grants = fixtures.grants(owner);
        access.setOverride(grants, ana.id(), Permission.CONVERSATIONS_READ_ALL, false);
        access.setOverride(grants, ana.id(), Permission.CONVERSATIONS_READ_INBOXES, false);
        access.setOverride(grants, ana.id(), Permission.CONVERSATIONS_READ_ASSIGNED, false);
        access.setInboxMembers(grants, shop.id(), Set.of(ana.id())); // Bo
                                                                     // leaves
                                                                     // the
                                                                     // inbox
        connect(ana);
        connect(bo);
        connect(other);
        connect(owner);

        List<ConversationId> arrived = List.of(arrive(), arrive());

        assertThat(arrived).extracting(this::assignee).containsOnlyNulls();
    }

    @Test
    void theAgentRoutedToLeastRecentlyGoesFirst() {
        roundRobin(10);
        connect(ana);
        connect(bo);

        List<MemberId> picked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.move(Duration.ofSeconds(5));
            picked.add(assignee(arrive()));
        }

        assertThat(picked.get(0)).isNotEqualTo(picked.get(1));
        assertThat(picked).containsExactly(picked.get(0), picked.get(1), picked.get(0), picked.get(1));

        Member cy = fixtures.agent(owner, "Cy Agent");
        fixtures.joinInbox(owner, shop.id(), cy);
        connect(cy);
        clock.move(Duration.ofSeconds(5));
        assertThat(assignee(arrive())).as("a newcomer was never routed to: first in line").isEqualTo(cy.id());
    }

    @Test
    void withNobodyFreeAConversationWaitsAndGoesToTheNextAgentWhoComesOnlineOrFreesASlot() {
        roundRobin(1);
        connect(ana);
        routing.setStatus(fixtures.grants(ana), MemberStatus.AWAY);
        ConversationId first = arrive();
        clock.move(Duration.ofSeconds(1));
        ConversationId second = arrive();
        assertThat(assignee(first)).isNull();
        assertThat(assignee(second)).isNull();

        routing.setStatus(fixtures.grants(ana), MemberStatus.ONLINE);
        assertThat(assignee(first)).as("the oldest first, up to her limit").isEqualTo(ana.id());
        assertThat(assignee(second)).isNull();

        conversations.resolve(fixtures.grants(ana), first);
        assertThat(assignee(second)).as("resolving freed her slot").isEqualTo(ana.id());

        ConversationId third = arrive();
        assertThat(assignee(third)).isNull();
        connect(bo);
        assertThat(assignee(third)).as("Bo opened his dashboard, online").isEqualTo(bo.id());
    }

    @Test
    void aRoutedAssignmentIsAuditedWithTheSystemAsActor() {
        roundRobin(5);
        connect(ana);

        ConversationId routed = arrive();

        assertThat(published.of(ConversationAssigned.class, owner.workspaceId())).singleElement().satisfies(event -> {
            assertThat(event.conversationId()).isEqualTo(routed);
            assertThat(event.assignee()).isEqualTo(ana.id());
            assertThat(event.auditRecord().actor()).isEqualTo(AuditActor.system());
        });
    }

    @Test
    void badRoutingSettingsAreRefusedWithNothingChanged() {
        roundRobin(7);
        DashboardSession admin = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        String path = "/app/inboxes/" + shop.id() + "/routing";
        assertThat(admin.get(path).statusCode()).isEqualTo(200);
        for (String bad : List.of("0", "101", "-1", "seven", "", "5.5", "1e2")) {
            var answer = admin.post(path, Map.of("roundRobin", "false", "openLimit", bad));
            assertThat(answer.statusCode()).as("limit %s", bad).isEqualTo(400);
            assertThat(answer.body()).contains("whole number from 1 to 100");
        }
        assertThat(routing.routing(fixtures.grants(owner), shop.id())).isEqualTo(new InboxRouting(shop.id(), true, 7));

        assertThat(admin.post(path, Map.of("openLimit", "12")).statusCode()).isEqualTo(302);
        assertThat(routing.routing(fixtures.grants(owner), shop.id()))
            .isEqualTo(new InboxRouting(shop.id(), false, 12));
        assertThat(admin.get(path).body()).contains("value=\"12\"");

        assertThatThrownBy(() -> routing.configure(fixtures.grants(ana), new InboxRouting(shop.id(), true, 3)))
            .isInstanceOf(Forbidden.class);
        Member stranger = fixtures.workspaceWithOwner();
        assertThatThrownBy(() -> routing.configure(fixtures.grants(stranger), new InboxRouting(shop.id(), true, 3)))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> new InboxRouting(shop.id(), true, 0)).isInstanceOf(Rejected.class);
        assertThat(routing.routing(fixtures.grants(owner), shop.id()))
            .isEqualTo(new InboxRouting(shop.id(), false, 12));
    }

    @Test
    void aMemberSetsTheirOwnStatusFromTheTopBarAndColleaguesSeeIt() {
        connect(ana);
        DashboardSession anasBrowser = DashboardSession.signIn(port, ana.email(), Fixtures.PASSWORD);
        assertThat(anasBrowser.get("/app/conversations").body()).contains("<option value=\"online\" selected");
        assertThat(anasBrowser.post("/app/account/status", Map.of("status", "away")).statusCode()).isEqualTo(302);
        assertThat(anasBrowser.post("/app/account/status", Map.of("status", "asleep")).statusCode()).isEqualTo(400);
        assertThat(routing.chosen(ana.workspaceId(), ana.id())).isEqualTo(MemberStatus.AWAY);
        assertThat(anasBrowser.get("/app/conversations").body()).contains("<option value=\"away\" selected");

        DashboardSession bosBrowser = DashboardSession.signIn(port, bo.email(), Fixtures.PASSWORD);
        String members = bosBrowser.get("/app/members").body();
        assertThat(members).contains("data-member-status=\"" + ana.id() + "\" data-status=\"away\"")
            .contains("data-member-status=\"" + bo.id() + "\" data-status=\"offline\"");
    }

    private void roundRobin(int limit) {
        routing.configure(fixtures.grants(owner), new InboxRouting(shop.id(), true, limit));
        settle();
    }

    private void connect(Member member) {
        routing.dashboardOpened(member.workspaceId(), member.id());
        connected.add(member);
        settle();
    }

    private ConversationId arrive() {
        var visitor = contacts.createVisitor(owner.workspaceId(), shop.id(), "198.51.100." + (++visitors));
        ConversationId arrived = conversations
            .postFromVisitor(owner.workspaceId(), shop.id(), visitor.id(), "v-1", "Hello?")
            .message()
            .conversationId();
        settle();
        return arrived;
    }

    /** Routing picks on another thread after each commit: waits until it has settled. */
    private void settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!triggers.idle()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("routing did not settle");
            }
            Thread.onSpinWait();
        }
    }

    private MemberId assignee(ConversationId id) {
        settle();
        return conversations.find(owner.workspaceId(), id).map(Conversation::assignee).orElse(null);
    }

    private Map<MemberId, Long> load(List<ConversationId> arrived) {
        return arrived.stream()
            .map(this::assignee)
            .filter(Objects::nonNull)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

}
