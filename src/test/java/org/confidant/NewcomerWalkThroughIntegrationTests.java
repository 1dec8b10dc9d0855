package org.confidant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.confidant.access.AccessManagement;
import org.confidant.access.MemberInvited;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.MemberJoined;
import org.confidant.identity.Role;
import org.confidant.inbox.InboxCreated;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.AuditRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The newcomer's walk-through: an invitation page says the role it gives; the audit log
 * links an invitation to the member it produced and records each inbox created; an agent
 * in no inbox is told that an admin must add them to one.
 */
@IntegrationTest
class NewcomerWalkThroughIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    AccessManagement access;

    @Autowired
    AccountManagement accounts;

    @Autowired
    InboxManagement inboxes;

    @Autowired
    PublishedEvents published;

    @LocalServerPort
    int port;

    @Test
    void theInvitationPageSaysTheRoleItGives() {
        Member owner = fixtures.workspaceWithOwner();
        for (Role role : Role.values()) {
            if (role == Role.OWNER) {
                continue;
            }
            String token = access.invite(fixtures.grants(owner), role);
            String page = DashboardSession.anonymous(port)
                .get("/invite?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .body();
            String expected = switch (role) {
                case ADMIN -> "an admin";
                case MANAGER -> "a manager";
                case AGENT -> "an agent";
                case OWNER -> throw new IllegalStateException();
            };
            assertThat(page).as(role.name()).contains("id=\"invited-role\">" + expected + "</span>");
        }
    }

    @Test
    void anInvitationIsLinkedToTheMemberItProducedAndInboxesCreatedAreRecorded() {
        Member owner = fixtures.workspaceWithOwner();
        String token = access.invite(fixtures.grants(owner), Role.MANAGER);
        Member joined = accounts.acceptInvitation(token, new AccountManagement.NewAccount("Nia Newcomer",
                "nia-" + System.nanoTime() + "@example.com", Fixtures.PASSWORD));

        AuditRecord invited = published.of(MemberInvited.class, owner.workspaceId())
            .map(MemberInvited::auditRecord)
            .findFirst()
            .orElseThrow();
        AuditRecord joinedRecord = published.of(MemberJoined.class, owner.workspaceId())
            .filter(event -> event.memberId().equals(joined.id()))
            .map(MemberJoined::auditRecord)
            .findFirst()
            .orElseThrow();
        assertThat(invited.target()).startsWith("invitation:");
        assertThat(joinedRecord.target()).isEqualTo("member:" + joined.id());
        assertThat("invitation:" + joinedRecord.details().get("invitation")).as("the joined member's invitation")
            .isEqualTo(invited.target());
        assertThat(joinedRecord.details()).containsEntry("role", "manager");
        assertThat(invited.toString()).doesNotContain(token);

        var inbox = inboxes.create(fixtures.grants(owner), "walkthrough.example");
        assertThat(published.of(InboxCreated.class, owner.workspaceId()).map(InboxCreated::auditRecord))
            .extracting(AuditRecord::target)
            .containsExactly("inbox:" + inbox.id());
    }

    @Test
    void anAgentInNoInboxIsToldAnAdminMustAddThem() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Nor Inbox");
        DashboardSession session = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        assertThat(session.get("/app/conversations").body()).contains("id=\"no-inbox-hint\"")
            .doesNotContain("No conversations here.");

        fixtures.joinInbox(owner, fixtures.liveInbox(owner, "joined.example").id(), agent);
        assertThat(session.get("/app/conversations").body()).doesNotContain("no-inbox-hint")
            .contains("No conversations here.")
            .contains("as soon as a visitor writes");
    }

}
