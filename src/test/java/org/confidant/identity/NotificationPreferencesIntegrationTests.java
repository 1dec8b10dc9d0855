package org.confidant.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The account page's notification preferences: the defaults until changed (no text in
 * notifications), each member's own (a change by one leaves a colleague's alone), an
 * unticked box is off, and the change is audited with the flags only.
 */
@IntegrationTest
class NotificationPreferencesIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    NotificationPreferenceManagement preferences;

    @Autowired
    PublishedEvents events;

    @LocalServerPort
    int port;

    @Test
    void aMemberChangesTheirOwnPreferencesOnTheAccountPageAndTheChangeIsAudited() {
        Member owner = fixtures.workspaceWithOwner();
        Member agent = fixtures.agent(owner, "Ana Agent");
        assertThat(preferences.of(owner.workspaceId(), agent.id())).isEqualTo(NotificationPreferences.DEFAULTS);
        assertThat(NotificationPreferences.DEFAULTS.previews()).as("previews are off until a member turns them on")
            .isFalse();

        DashboardSession session = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        String page = session.get("/app/account/notifications").body();
        assertThat(page).contains("id=\"notification-preferences\"").contains("name=\"previews\"");

        var saved = session.post("/app/account/notifications",
                Map.of("inboxMessages", "true", "previews", "true", "newConversations", "true"));
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/app/account/notifications?saved");
        assertThat(preferences.of(owner.workspaceId(), agent.id()))
            .isEqualTo(new NotificationPreferences(true, false, true, false, true));
        assertThat(preferences.of(owner.workspaceId(), owner.id())).as("a colleague's")
            .isEqualTo(NotificationPreferences.DEFAULTS);

        var changed = events.of(NotificationPreferencesChanged.class, owner.workspaceId()).toList();
        assertThat(changed).hasSize(1);
        assertThat(changed.getFirst().auditRecord().details()).containsEntry("previews", "true")
            .containsEntry("sound", "false");

        // saved again with the box unticked: off
        session.post("/app/account/notifications", Map.of("sound", "true"));
        assertThat(preferences.of(owner.workspaceId(), agent.id()))
            .isEqualTo(new NotificationPreferences(false, false, false, true, false));
    }

}
