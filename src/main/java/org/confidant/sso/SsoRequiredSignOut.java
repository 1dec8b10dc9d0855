package org.confidant.sso;

import org.confidant.identity.AccountManagement;
import org.confidant.signin.MemberSessions;
import org.confidant.identity.Role;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a workspace starts to require single sign-on, nobody but its owners stays in on a
 * password: every session of its other members ends (their sockets close with it), and
 * they come back through the provider. Owners keep theirs, as they keep their password
 * (the break-glass).
 */
@Component
class SsoRequiredSignOut {

    private final AccountManagement accounts;

    private final MemberSessions sessions;

    SsoRequiredSignOut(AccountManagement accounts, MemberSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @EventListener
    void on(SsoRequiredChanged changed) {
        if (changed.required()) {
            accounts.listMembers(changed.workspaceId())
                .stream()
                .filter(member -> member.role() != Role.OWNER)
                .forEach(member -> sessions.endAll(changed.workspaceId(), member.id(), changed.actor()));
        }
    }

}
