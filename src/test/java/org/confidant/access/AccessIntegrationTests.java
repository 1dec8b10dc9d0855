package org.confidant.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationFilter;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.ConversationSummary;
import org.confidant.identity.AccountManagement.NewAccount;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Roles, overrides, scopes and membership changes, at the service layer: what each member
 * sees and may do, and the rules that keep anyone from widening their own access.
 */
@IntegrationTest
class AccessIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    AccessManagement access;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    InboxManagement inboxes;

    @Autowired
    ContactManagement contacts;

    @Autowired
    AccountManagement accounts;

    Member owner;

    Inbox shop;

    Inbox support;

    ConversationId inShop;

    ConversationId inSupport;

    @BeforeEach
    void workspaceWithTwoInboxes() {
        owner = fixtures.workspaceWithOwner();
        shop = inboxes.create(grants(owner), "shop.example");
        support = inboxes.create(grants(owner), "support.example");
        inShop = visitorWrites(shop, "Where is my order 1234?");
        inSupport = visitorWrites(support, "SECRET-SUPPORT-PREVIEW my password reset fails");
    }

    @Test
    void anAgentSeesOnlyTheInboxesTheyBelongToAndWhatIsAssignedToThem() {
        Member agent = fixtures.agent(owner, "Ann Agent");
        assertThat(listed(agent)).as("in no inbox yet").isEmpty();

        fixtures.joinInbox(owner, shop.id(), agent);
        assertThat(listed(agent)).containsExactly(inShop);
        assertThat(conversations.list(grants(agent), ConversationFilter.OPEN))
            .extracting(ConversationSummary::lastMessagePreview)
            .noneMatch(preview -> preview.contains("SECRET-SUPPORT-PREVIEW"));

        // every way in to the other inbox's conversation answers as if it did not exist
        Grants g = grants(agent);
        assertThat(conversations.find(g, inSupport)).isEmpty();
        assertThatThrownBy(() -> conversations.postFromAgent(g, inSupport, "x-1", "hello"))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> conversations.resolve(g, inSupport)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> conversations.assign(g, inSupport, agent.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> conversations.markRead(g, inSupport, 1)).isInstanceOf(NotFound.class);
        assertThat(conversations.messagesAfter(owner.workspaceId(), inSupport, 0)).hasSize(1);

        // assigned to them, it is theirs to read though they are not in its inbox
        conversations.assign(grants(owner), inSupport, agent.id());
        assertThat(listed(agent)).containsExactlyInAnyOrder(inShop, inSupport);
    }

    @Test
    void theAssignedOnlyScopeCapsEvenAManager() {
        Member manager = fixtures.agent(owner, "Max Manager");
        access.changeRole(grants(owner), manager.id(), Role.MANAGER);
        assertThat(listed(manager)).containsExactlyInAnyOrder(inShop, inSupport);

        access.setScope(grants(owner), manager.id(), ConversationScope.ASSIGNED);
        assertThat(listed(manager)).isEmpty();
        assertThat(conversations.find(grants(manager), inShop)).isEmpty();

        conversations.assign(grants(owner), inShop, manager.id());
        assertThat(listed(manager)).containsExactly(inShop);
    }

    @Test
    void overridesGrantAndRevokeSinglePermissionsAndApplyAtOnce() {
        Member agent = fixtures.agent(owner, "Oli Agent");
        fixtures.joinInbox(owner, shop.id(), agent);
        assertThatThrownBy(() -> inboxes.create(grants(agent), "mine.example")).isInstanceOf(Forbidden.class);

        access.setOverride(grants(owner), agent.id(), Permission.INBOXES_MANAGE, true);
        assertThat(inboxes.create(grants(agent), "mine.example").name()).isEqualTo("mine.example");

        access.setOverride(grants(owner), agent.id(), Permission.CONVERSATIONS_REPLY, false);
        long before = conversations.find(grants(owner), inShop).orElseThrow().lastSeq();
        assertThatThrownBy(() -> conversations.postFromAgent(grants(agent), inShop, "r-1", "hello"))
            .isInstanceOf(Forbidden.class);
        assertThat(conversations.find(grants(owner), inShop).orElseThrow().lastSeq()).as("nothing stored")
            .isEqualTo(before);

        access.setOverride(grants(owner), agent.id(), Permission.CONVERSATIONS_REPLY, null);
        assertThat(conversations.postFromAgent(grants(agent), inShop, "r-2", "hello").message().seq())
            .isEqualTo(before + 1);
    }

    @Test
    void agentsTakeAndHandBackButOnlyAssignersAssignOthers() {
        Member agent = fixtures.agent(owner, "Tia Agent");
        Member colleague = fixtures.agent(owner, "Col League");
        fixtures.joinInbox(owner, shop.id(), agent, colleague);

        conversations.assign(grants(agent), inShop, agent.id());
        assertThatThrownBy(() -> conversations.assign(grants(agent), inShop, colleague.id()))
            .isInstanceOf(Forbidden.class);
        conversations.assign(grants(agent), inShop, null);
        conversations.assign(grants(colleague), inShop, colleague.id());
        assertThatThrownBy(() -> conversations.assign(grants(agent), inShop, null))
            .as("unassigning a colleague is assigning")
            .isInstanceOf(Forbidden.class);
        assertThat(conversations.find(grants(owner), inShop).orElseThrow().assignee()).isEqualTo(colleague.id());
    }

    @Test
    void nobodyWidensTheirOwnAccessOrGivesWhatTheyLack() {
        Member admin = fixtures.agent(owner, "Ada Admin");
        access.changeRole(grants(owner), admin.id(), Role.ADMIN);
        Member agent = fixtures.agent(owner, "Eve Agent");

        assertThatThrownBy(() -> access.changeRole(grants(admin), admin.id(), Role.OWNER)).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> access.changeRole(grants(admin), agent.id(), Role.OWNER))
            .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> access.invite(grants(admin), Role.OWNER)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> access.setOverride(grants(admin), agent.id(), Permission.WORKSPACE_EXPORT, true))
            .as("admins do not hold workspace.export")
            .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> access.changeRole(grants(admin), owner.id(), Role.AGENT))
            .as("only owners change an owner")
            .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> access.remove(grants(admin), owner.id())).isInstanceOf(Forbidden.class);

        // an agent handed members.manage still cannot manage someone who holds more than
        // they do
        access.setOverride(grants(owner), agent.id(), Permission.MEMBERS_MANAGE, true);
        assertThatThrownBy(() -> access.changeRole(grants(agent), admin.id(), Role.AGENT))
            .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> access.changeRole(grants(agent), agent.id(), Role.ADMIN)).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> access.invite(grants(agent), Role.MANAGER)).isInstanceOf(Forbidden.class);
        assertThat(access.invite(grants(agent), Role.AGENT)).isNotBlank();

        assertThat(grants(admin).role()).isEqualTo(Role.ADMIN);
        assertThat(grants(owner).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void aForeignMemberIsNotFound() {
        Member stranger = fixtures.workspaceWithOwner();
        assertThatThrownBy(() -> access.changeRole(grants(owner), stranger.id(), Role.AGENT))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> access.member(grants(owner), stranger.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> inboxes.setMembers(grants(stranger), shop.id(), Set.of(stranger.id())))
            .isInstanceOf(NotFound.class);
        assertThat(grants(stranger).role()).isEqualTo(Role.OWNER);
        assertThat(access.inboxMembers(owner.workspaceId(), shop.id())).isEmpty();
    }

    @Test
    void theLastOwnerCannotLeaveOrBeDemotedButOwnershipCanBeHandedOver() {
        assertThatThrownBy(() -> access.remove(grants(owner), owner.id())).isInstanceOf(Rejected.class)
            .hasMessageContaining("owner");
        Member next = fixtures.agent(owner, "Nia Next");

        access.transferOwnership(grants(owner), next.id());

        assertThat(grants(next).role()).isEqualTo(Role.OWNER);
        assertThat(grants(owner).role()).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> access.remove(grants(next), next.id())).isInstanceOf(Rejected.class);
        access.remove(grants(owner), owner.id()); // an admin may leave
        assertThat(access.grants(owner.workspaceId(), owner.id())).isEmpty();
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveOneOwner() throws Exception {
        Member second = fixtures.agent(owner, "Sec Owner");
        access.changeRole(grants(owner), second.id(), Role.OWNER);
        Grants first = grants(owner);
        Grants other = grants(second);

        List<Callable<Boolean>> demotions = List.of(() -> demote(first, second), () -> demote(other, owner));
        int succeeded = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<Boolean> result : pool.invokeAll(demotions)) {
                succeeded += result.get() ? 1 : 0;
            }
        }

        assertThat(succeeded).isEqualTo(1);
        assertThat(accounts.listMembers(owner.workspaceId())).filteredOn(m -> m.role() == Role.OWNER).hasSize(1);
    }

    @Test
    void aRemovedMemberLosesEverythingAndAnInvitationReadmitsThemWithTheNewRole() {
        Member agent = fixtures.agent(owner, "Rem Oved");
        fixtures.joinInbox(owner, shop.id(), agent);
        access.setOverride(grants(owner), agent.id(), Permission.CONTACTS_EXPORT, true);

        access.remove(grants(owner), agent.id());

        assertThat(access.grants(owner.workspaceId(), agent.id())).isEmpty();
        assertThat(accounts.listMembers(owner.workspaceId())).extracting(Member::id).doesNotContain(agent.id());
        assertThat(access.inboxMembers(owner.workspaceId(), shop.id())).isEmpty();

        String token = access.invite(grants(owner), Role.MANAGER);
        Member back = accounts.acceptInvitation(token, new NewAccount("Rem Oved", agent.email(), Fixtures.PASSWORD));
        assertThat(back.id()).isEqualTo(agent.id());
        Grants readmitted = grants(back);
        assertThat(readmitted.role()).isEqualTo(Role.MANAGER);
        assertThat(readmitted.has(Permission.CONTACTS_EXPORT)).isTrue(); // managers hold
                                                                         // it by role
        assertThat(readmitted.inboxes()).isEmpty();
    }

    @Test
    void onePersonHoldsDifferentRolesInTwoWorkspaces() {
        Member agentHere = fixtures.agent(owner, "Two Hats");
        Member elsewhereOwner = fixtures.workspaceWithOwner();
        String token = access.invite(grants(elsewhereOwner), Role.ADMIN);
        Member adminThere = accounts.acceptInvitation(token,
                new NewAccount("Two Hats", agentHere.email(), Fixtures.PASSWORD));

        assertThat(adminThere.accountId()).isEqualTo(agentHere.accountId());
        assertThat(grants(agentHere).has(Permission.MEMBERS_MANAGE)).isFalse();
        assertThat(grants(adminThere).has(Permission.MEMBERS_MANAGE)).isTrue();
        assertThat(listed(agentHere)).isEmpty();
    }

    private boolean demote(Grants actor, Member target) {
        try {
            access.changeRole(actor, target.id(), Role.ADMIN);
            return true;
        }
        catch (Rejected | Forbidden lost) {
            return false;
        }
    }

    private List<ConversationId> listed(Member member) {
        List<ConversationId> ids = new ArrayList<>();
        for (ConversationFilter filter : List.of(ConversationFilter.OPEN, ConversationFilter.RESOLVED)) {
            conversations.list(grants(member), filter).forEach(s -> ids.add(s.conversation().id()));
        }
        return ids;
    }

    private ConversationId visitorWrites(Inbox inbox, String text) {
        var visitor = contacts.createVisitor(owner.workspaceId(), inbox.id(), "198.51.100.4");
        return conversations
            .postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), "v-" + text.hashCode(), text)
            .message()
            .conversationId();
    }

    private Grants grants(Member member) {
        return fixtures.grants(member);
    }

}
