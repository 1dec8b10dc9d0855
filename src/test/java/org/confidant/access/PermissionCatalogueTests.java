package org.confidant.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.confidant.identity.Role;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.junit.jupiter.api.Test;

class PermissionCatalogueTests {

    @Test
    void thePublishedCatalogueIsWhatTheCodeSays() throws IOException {
        String published = Files.readString(Path.of("docs/permissions.md"), StandardCharsets.UTF_8);
        assertThat(published)
            .as("docs/permissions.md is stale: java -jar target/confidant.jar permissions > docs/permissions.md")
            .isEqualTo(PermissionCatalogue.markdown());
        for (Permission permission : Permission.values()) {
            assertThat(published).contains("`" + permission.key() + "`");
        }
    }

    @Test
    void permissionKeysAreUniqueAndFindable() {
        assertThat(Arrays.stream(Permission.values()).map(Permission::key).distinct())
            .hasSize(Permission.values().length);
        for (Permission permission : Permission.values()) {
            assertThat(Permission.byKey(permission.key())).contains(permission);
        }
        assertThat(Permission.byKey("conversations.read")).isEmpty();
    }

    @Test
    void rolesNestFromOwnerDownToAgent() {
        assertThat(Permission.ofRole(Role.OWNER)).containsExactlyInAnyOrder(Permission.values());
        assertThat(Permission.ofRole(Role.OWNER)).containsAll(Permission.ofRole(Role.ADMIN));
        assertThat(Permission.ofRole(Role.ADMIN)).doesNotContain(Permission.WORKSPACE_EXPORT);
        assertThat(Permission.ofRole(Role.MANAGER))
            .contains(Permission.CONVERSATIONS_READ_ALL, Permission.CONVERSATIONS_ASSIGN)
            .doesNotContain(Permission.MEMBERS_MANAGE, Permission.INBOXES_MANAGE);
        assertThat(Permission.ofRole(Role.AGENT)).doesNotContain(Permission.CONVERSATIONS_READ_ALL,
                Permission.CONVERSATIONS_ASSIGN, Permission.CONTACTS_EXPORT, Permission.CONTACTS_ERASE,
                Permission.INBOXES_MANAGE, Permission.MEMBERS_MANAGE, Permission.AUDIT_READ);
    }

    @Test
    void visibilityFollowsTheWidestReadPermissionAndTheScope() {
        MemberId me = MemberId.random();
        InboxId mine = InboxId.random();
        InboxId other = InboxId.random();
        Grants agent = grants(me, Permission.ofRole(Role.AGENT), ConversationScope.INBOXES, Set.of(mine));
        assertThat(agent.visibility()).isEqualTo(Visibility.INBOXES);
        assertThat(agent.canRead(mine, null)).isTrue();
        assertThat(agent.canRead(other, null)).isFalse();
        assertThat(agent.canRead(other, me)).as("assigned to me in an inbox I am not in").isTrue();

        Grants assignedOnly = grants(me, Permission.ofRole(Role.AGENT), ConversationScope.ASSIGNED, Set.of(mine));
        assertThat(assignedOnly.visibility()).isEqualTo(Visibility.ASSIGNED);
        assertThat(assignedOnly.canRead(mine, null)).isFalse();
        assertThat(assignedOnly.canRead(mine, MemberId.random())).isFalse();
        assertThat(assignedOnly.canRead(other, me)).isTrue();

        Grants manager = grants(me, Permission.ofRole(Role.MANAGER), ConversationScope.INBOXES, Set.of());
        assertThat(manager.canRead(other, null)).isTrue();
        Grants managerAssignedOnly = grants(me, Permission.ofRole(Role.MANAGER), ConversationScope.ASSIGNED, Set.of());
        assertThat(managerAssignedOnly.canRead(other, null)).as("the scope caps even read-all").isFalse();

        Set<Permission> noReads = EnumSet.copyOf(Permission.ofRole(Role.AGENT));
        noReads.removeAll(Set.of(Permission.CONVERSATIONS_READ_INBOXES, Permission.CONVERSATIONS_READ_ASSIGNED));
        Grants blind = grants(me, noReads, ConversationScope.INBOXES, Set.of(mine));
        assertThat(blind.visibility()).isEqualTo(Visibility.NONE);
        assertThat(blind.canRead(mine, me)).isFalse();
    }

    @Test
    void onlyOwnersGiveOwnershipAndNobodyGivesWhatTheyLack() {
        MemberId me = MemberId.random();
        Grants owner = new Grants(WorkspaceId.random(), me, Role.OWNER, Permission.ofRole(Role.OWNER),
                ConversationScope.INBOXES, Set.of());
        Grants admin = new Grants(WorkspaceId.random(), me, Role.ADMIN, Permission.ofRole(Role.ADMIN),
                ConversationScope.INBOXES, Set.of());
        Grants manager = new Grants(WorkspaceId.random(), me, Role.MANAGER, Permission.ofRole(Role.MANAGER),
                ConversationScope.INBOXES, Set.of());
        assertThat(Arrays.stream(Role.values()).filter(owner::mayGive)).containsExactly(Role.values());
        assertThat(Arrays.stream(Role.values()).filter(admin::mayGive)).containsExactly(Role.ADMIN, Role.MANAGER,
                Role.AGENT);
        assertThat(Arrays.stream(Role.values()).filter(manager::mayGive)).containsExactly(Role.MANAGER, Role.AGENT);
    }

    private static Grants grants(MemberId me, Set<Permission> permissions, ConversationScope scope,
            Set<InboxId> inboxes) {
        return new Grants(WorkspaceId.random(), me, Role.AGENT, permissions, scope, inboxes);
    }

}
