package org.confidant.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.TestClock;
import org.confidant.access.AccessManagement;
import org.confidant.access.ConversationScope;
import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Forbidden;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Reports over a workspace whose conversations happen at known times (the clock is placed
 * at each step): exact counts per day, medians and 90th percentiles overall, per inbox
 * and per agent, the member's scope, the permission, and the CSV download.
 */
@IntegrationTest
class ReportIntegrationTests {

    private static final String FROM = "2030-03-01";

    private static final String TO = "2030-03-03";

    @Autowired
    Fixtures fixtures;

    @Autowired
    ReportManagement reports;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    ContactManagement contacts;

    @Autowired
    AccessManagement access;

    @Autowired
    TestClock clock;

    @Autowired
    PublishedEvents events;

    @LocalServerPort
    int port;

    Member owner;

    Inbox inboxA;

    Inbox inboxB;

    Member agentA;

    Member agentB;

    /**
     * Five conversations around 1–3 March 2030 (UTC), and one of another workspace at the
     * same time:
     * <ul>
     * <li>c5 (A): created 28 Feb 23:59, agent A answers at 00:00:30, resolved assigned to
     * A on 1 Mar 00:30 (resolution 1,860 s; created before the period);
     * <li>c1 (A): created 1 Mar 09:00, agent A answers after 60 s, resolved assigned to A
     * at 09:30 (1,800 s);
     * <li>c2 (A): created 1 Mar 10:00, a note of agent A after 10 s (not a response), the
     * owner answers after 300 s, stays open;
     * <li>c3 (B): created 2 Mar 08:00, agent B answers after 30 s and again after 90 s,
     * resolved assigned to B at 12:00 (14,400 s);
     * <li>c4 (B): created 2 Mar 09:00, never answered, resolved unassigned on 3 Mar 09:00
     * (86,400 s).
     * </ul>
     */
    @BeforeEach
    void workspace() {
        owner = fixtures.workspaceWithOwner();
        inboxA = fixtures.liveInbox(owner, "Reports A");
        inboxB = fixtures.liveInbox(owner, "=SUM(1+1) Reports B");
        agentA = fixtures.agent(owner, "Agent A");
        agentB = fixtures.agent(owner, "@Agent B");
        fixtures.joinInbox(owner, inboxA.id(), agentA);
        fixtures.joinInbox(owner, inboxB.id(), agentB);
        clock.freeze();

        ConversationId c5 = visitorWrites(owner, inboxA, "2030-02-28T23:59:00Z");
        agentReplies(agentA, c5, "2030-03-01T00:00:30Z");
        resolve(owner, c5, agentA, "2030-03-01T00:30:00Z");

        ConversationId c1 = visitorWrites(owner, inboxA, "2030-03-01T09:00:00Z");
        agentReplies(agentA, c1, "2030-03-01T09:01:00Z");
        resolve(owner, c1, agentA, "2030-03-01T09:30:00Z");

        ConversationId c2 = visitorWrites(owner, inboxA, "2030-03-01T10:00:00Z");
        at("2030-03-01T10:00:10Z");
        conversations.addNote(fixtures.grants(agentA), c2, "n-" + UUID.randomUUID(), "a note, not a reply");
        agentReplies(owner, c2, "2030-03-01T10:05:00Z");

        ConversationId c3 = visitorWrites(owner, inboxB, "2030-03-02T08:00:00Z");
        ConversationId c4 = visitorWrites(owner, inboxB, "2030-03-02T09:00:00Z");
        agentReplies(agentB, c3, "2030-03-02T08:00:30Z");
        agentReplies(agentB, c3, "2030-03-02T08:01:30Z");
        resolve(owner, c3, agentB, "2030-03-02T12:00:00Z");
        resolve(owner, c4, null, "2030-03-03T09:00:00Z");

        Member other = fixtures.workspaceWithOwner();
        Inbox otherInbox = fixtures.liveInbox(other, "Reports elsewhere");
        ConversationId elsewhere = visitorWrites(other, otherInbox, "2030-03-01T11:00:00Z");
        agentReplies(other, elsewhere, "2030-03-01T11:00:05Z");
        resolve(other, elsewhere, null, "2030-03-01T11:10:00Z");
    }

    @Test
    void countsPerDayAndTimesOverallAreExact() {
        Report report = reports.report(fixtures.grants(owner), null, FROM, TO);
        assertThat(report.days()).extracting(Report.Day::created).containsExactly(2, 2, 0);
        assertThat(report.days()).extracting(Report.Day::resolved).containsExactly(2, 1, 1);
        // first responses 30, 60, 300 (odd count); resolutions 1800, 1860, 14400, 86400
        // (even)
        assertThat(report.overall()).isEqualTo(
                new Report.Row("All inboxes", 4, 4, new TimeFigures(3, 60L, 300L), new TimeFigures(4, 8130L, 86400L)));
    }

    @Test
    void eachInboxAndEachAgentHasItsOwnLine() {
        Report report = reports.report(fixtures.grants(owner), null, FROM, TO);
        assertThat(report.inboxes()).containsExactly(
                new Report.Row("=SUM(1+1) Reports B", 2, 2, new TimeFigures(1, 30L, 30L),
                        new TimeFigures(2, 50400L, 86400L)),
                new Report.Row("Reports A", 2, 2, new TimeFigures(2, 180L, 300L), new TimeFigures(2, 1830L, 1860L)));
        assertThat(report.agents()).containsExactly(
                new Report.Row("@Agent B", null, 1, new TimeFigures(1, 30L, 30L), new TimeFigures(1, 14400L, 14400L)),
                new Report.Row("Agent A", null, 2, new TimeFigures(1, 60L, 60L), new TimeFigures(2, 1830L, 1860L)),
                new Report.Row(owner.displayName(), null, 0, new TimeFigures(1, 300L, 300L),
                        TimeFigures.of(new long[0])),
                new Report.Row(ReportManagement.UNASSIGNED, null, 1, TimeFigures.of(new long[0]),
                        new TimeFigures(1, 86400L, 86400L)));
    }

    @Test
    void aMemberSeesOnlyTheInboxesTheirScopeCovers() {
        access.setOverride(fixtures.grants(owner), agentA.id(), Permission.REPORTS_VIEW, true);
        Report report = reports.report(fixtures.grants(agentA), null, FROM, TO);
        assertThat(report.inboxes()).extracting(Report.Row::name).containsExactly("Reports A");
        assertThat(report.overall()).isEqualTo(
                new Report.Row("All inboxes", 2, 2, new TimeFigures(2, 180L, 300L), new TimeFigures(2, 1830L, 1860L)));
        assertThat(report.days()).extracting(Report.Day::created).containsExactly(2, 0, 0);
        assertThat(report.agents()).extracting(Report.Row::name).containsExactly("Agent A", owner.displayName());

        // two inboxes of three: both, and nothing of the third
        Inbox inboxC = fixtures.liveInbox(owner, "Reports C");
        fixtures.joinInbox(owner, inboxC.id(), agentA);
        visitorWrites(owner, inboxB, "2030-03-03T10:00:00Z");
        assertThat(reports.report(fixtures.grants(agentA), null, FROM, TO).inboxes()).extracting(Report.Row::name)
            .containsExactly("Reports A", "Reports C");
        assertThat(reports.report(fixtures.grants(agentA), null, FROM, TO).overall().created()).isEqualTo(2);

        // only what is assigned to them: no inbox at all
        access.setScope(fixtures.grants(owner), agentA.id(), ConversationScope.ASSIGNED);
        Report assigned = reports.report(fixtures.grants(agentA), null, FROM, TO);
        assertThat(assigned.inboxes()).isEmpty();
        assertThat(assigned.overall().created()).isZero();
        assertThat(assigned.agents()).isEmpty();
    }

    @Test
    void withoutThePermissionThereIsNoReport() {
        assertThatThrownBy(() -> reports.report(fixtures.grants(agentA), null, FROM, TO)).isInstanceOf(Forbidden.class);
        DashboardSession session = DashboardSession.signIn(port, agentA.email(), Fixtures.PASSWORD);
        assertThat(session.get("/app/reports").statusCode()).isEqualTo(403);
        assertThat(session.get("/app/reports.csv?from=" + FROM + "&to=" + TO).statusCode()).isEqualTo(403);
        assertThat(session.get("/app/conversations").body()).doesNotContain("/app/reports");
        assertThat(events.of(ReportExported.class)).isEmpty();
    }

    @Test
    void thePageDrawsTheChartAndTheTables() {
        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        HttpResponse<String> page = session.get("/app/reports?from=" + FROM + "&to=" + TO);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("href=\"/app/reports\"")
            .contains("<title id=\"chart-title\">")
            .contains("aria-labelledby=\"chart-title chart-desc\"")
            .contains("viewBox=\"0 0 30 100\"")
            // the busiest day (2) is full height; a day with one is half
            .contains("<rect class=\"bar bar-created\" x=\"1\" y=\"0\" width=\"4\" height=\"100\">")
            .contains("<rect class=\"bar bar-resolved\" x=\"15\" y=\"50\" width=\"4\" height=\"50\">")
            .contains("<title>2030-03-03: 1 resolved</title>")
            .contains("=SUM(1+1) Reports B")
            .contains("@Agent B")
            .contains("2h 15m")
            .doesNotContain("style=");
        assertThat(session.get("/app/reports?days=8").statusCode()).isEqualTo(400);
        assertThat(session.get("/app/reports?days=7").statusCode()).isEqualTo(200);
        assertThat(events.of(ReportExported.class)).isEmpty();
    }

    @Test
    void theCsvHasTheSameFiguresDefusedAndItsDownloadIsAudited() {
        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        HttpResponse<String> csv = session.get("/app/reports.csv?from=" + FROM + "&to=" + TO);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
            .contains("attachment; filename=\"report-2030-03-01-to-2030-03-03.csv\"");
        assertThat(csv.body().split("\r\n")).containsExactly(ReportCsv.HEADER, "\"day\",,2030-03-01,2,2,,,,,,",
                "\"day\",,2030-03-02,2,1,,,,,,", "\"day\",,2030-03-03,0,1,,,,,,",
                "\"overall\",\"All inboxes\",,4,4,3,60,300,4,8130,86400",
                "\"inbox\",\"'=SUM(1+1) Reports B\",,2,2,1,30,30,2,50400,86400",
                "\"inbox\",\"Reports A\",,2,2,2,180,300,2,1830,1860",
                "\"agent\",\"'@Agent B\",,,1,1,30,30,1,14400,14400", "\"agent\",\"Agent A\",,,2,1,60,60,2,1830,1860",
                "\"agent\",\"" + owner.displayName() + "\",,,0,1,300,300,0,,",
                "\"agent\",\"Unassigned\",,,1,0,,,1,86400,86400");
        assertThat(events.of(ReportExported.class, owner.workspaceId()).toList()).singleElement()
            .satisfies(exported -> assertThat(exported.auditRecord().details())
                .isEqualTo(Map.of("from", FROM, "to", TO, "inboxes", "2")));
        assertThat(session.get("/app/reports.csv?from=2030-03-03&to=" + FROM).statusCode()).isEqualTo(400);
    }

    private void at(String instant) {
        clock.move(Duration.between(clock.instant(), Instant.parse(instant)));
    }

    private ConversationId visitorWrites(Member workspaceOwner, Inbox inbox, String instant) {
        at(instant);
        ContactId visitor = contacts.createVisitor(workspaceOwner.workspaceId(), inbox.id(), "192.0.2.1").id();
        return conversations
            .postFromVisitor(workspaceOwner.workspaceId(), inbox.id(), visitor, "v-" + UUID.randomUUID(), "Hello")
            .message()
            .conversationId();
    }

    private void agentReplies(Member member, ConversationId conversation, String instant) {
        at(instant);
        conversations.postFromAgent(fixtures.grants(member), conversation, "a-" + UUID.randomUUID(), "Hi");
    }

    /**
     * The workspace's owner assigns the conversation (or leaves it unassigned) and
     * resolves it.
     */
    private void resolve(Member by, ConversationId conversation, Member assignee, String instant) {
        at(instant);
        if (assignee != null) {
            conversations.assign(fixtures.grants(by), conversation, assignee.id());
        }
        conversations.resolve(fixtures.grants(by), conversation);
    }

}
