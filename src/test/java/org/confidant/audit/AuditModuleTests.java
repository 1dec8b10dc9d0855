package org.confidant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.confidant.access.MemberRoleChanged;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.AccountManagement.NewAccount;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

/**
 * The audit module on its own, with only the modules it depends on: an audited event
 * another module publishes in its transaction becomes the next link of its workspace's
 * chain, labelled with the actor's email, and the committed entry is announced as
 * {@link AuditEntryRecorded} (what alerts listen to). The sign-in module comes along: the
 * identity module's setup and invitation pages sign the new member in through its
 * {@code JoinedSignIn}.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "signin")
class AuditModuleTests {

    @Autowired
    AuditLog log;

    @Autowired
    WorkspaceManagement workspaces;

    @Autowired
    AccountManagement accounts;

    @Test
    void anAuditedEventBecomesTheNextLinkOfItsWorkspacesChainAndIsAnnouncedOnceCommitted(Scenario scenario) {
        WorkspaceId workspace = workspaces.create("Audited").id();
        Member owner = join(workspace, Role.OWNER, "owner");
        Member agent = join(workspace, Role.AGENT, "agent");
        long before = log.verify(workspace).entries();

        scenario.publish(new MemberRoleChanged(workspace, owner.id(), agent.id(), Role.MANAGER))
            .andWaitForEventOfType(AuditEntryRecorded.class)
            .matching(entry -> entry.workspaceId().equals(workspace) && entry.action().equals("member.role_changed"))
            .toArriveAndVerify(entry -> {
                assertThat(entry.actor())
                    .isEqualTo(new AuditActor(AuditActor.Kind.MEMBER, owner.id().toString(), owner.email()));
                assertThat(entry.target()).isEqualTo("member:" + agent.id());
                assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCESS);
                assertThat(entry.details()).containsEntry("role", "manager");
                assertThat(entry.sequence()).isEqualTo(before + 1);
                ChainVerification chain = log.verify(workspace);
                assertThat(chain.intact()).isTrue();
                assertThat(chain.entries()).isEqualTo(before + 1);
            });
    }

    private Member join(WorkspaceId workspace, Role role, String name) {
        String token = accounts.invite(workspace, null, role).token();
        String unique = UUID.randomUUID().toString().substring(0, 8); // a whole UUID
                                                                      // reads as a token
                                                                      // to the log
        return accounts.acceptInvitation(token,
                new NewAccount(name, name + "-" + unique + "@example.com", "correct horse battery staple"));
    }

}
