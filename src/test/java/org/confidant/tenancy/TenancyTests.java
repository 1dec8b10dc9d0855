package org.confidant.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.confidant.shared.WorkspaceId;
import org.junit.jupiter.api.Test;

/**
 * The rules of the tenant scope: only the system scope switches workspaces, and every
 * scope ends with its block.
 */
class TenancyTests {

    private final WorkspaceId a = WorkspaceId.random();

    private final WorkspaceId b = WorkspaceId.random();

    @Test
    void aWorkspaceCannotEnterAnotherWorkspace() {
        assertThatThrownBy(() -> Tenancy.run(a, () -> Tenancy.run(b, () -> {
        }))).isInstanceOf(IllegalStateException.class).hasMessageContaining("only the system scope");
        assertThat(Tenancy.current()).isNull();
    }

    @Test
    void theSystemScopeMayEnterAnyWorkspaceAndAWorkspaceTheNamedSystemScope() {
        WorkspaceId seen = Tenancy.system("test", () -> Tenancy.run(b, () -> Tenancy.current().workspace()));
        assertThat(seen).isEqualTo(b);
        boolean system = Tenancy.run(a, () -> Tenancy.system("test", () -> Tenancy.current().isSystem()));
        assertThat(system).isTrue();
        assertThat(Tenancy.run(a, () -> Tenancy.run(a, () -> Tenancy.current().workspace()))).isEqualTo(a);
        assertThat(Tenancy.current()).isNull();
    }

    @Test
    void theSystemScopeAlwaysSaysWhy() {
        assertThatThrownBy(() -> Tenancy.system(" ", () -> {
        })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScopeEndsWithItsBlockEvenWhenTheBlockFails() {
        assertThatThrownBy(() -> Tenancy.run(a, () -> {
            throw new IllegalArgumentException("boom");
        })).hasMessage("boom");
        assertThat(Tenancy.current()).isNull();
    }

}
