package org.confidant.privacy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.lifecycle.RetentionManagement;
import org.confidant.lifecycle.RetentionPolicy;
import org.confidant.privacy.ConsentMode;
import org.confidant.privacy.InboxPrivacy;
import org.confidant.privacy.InboxPrivacyChanged;
import org.confidant.privacy.PrivacyManagement;
import org.confidant.privacy.VisitorStorage;
import org.confidant.workspace.IpMode;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An inbox's consent settings, set on the Privacy section's page: every field the form
 * has is saved, the notice's version goes up only when the notice or the link changes,
 * and a bad field is a 400 naming it with nothing saved; and the statement the chat links
 * to, generated from the inbox's consent settings, the workspace's IP mode and the
 * retention that applies, for two different sets of settings.
 */
@IntegrationTest
class InboxConsentPageIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    PrivacyManagement privacy;

    @Autowired
    RetentionManagement retention;

    @Autowired
    WorkspaceManagement workspaces;

    @Autowired
    PublishedEvents events;

    @LocalServerPort
    int port;

    @Test
    void anAdminSetsTheConsentSettingsOnThePageAndABadFieldIsRefusedNamingItWithNothingSaved() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = fixtures.liveInbox(owner, "Shop");
        DashboardSession session = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        String page = "/app/privacy/inboxes/" + inbox.id();

        assertThat(session.get("/app/privacy/ingest").body()).contains(page);
        HttpResponse<String> shown = session.get(page);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("name=\"notice\"", "name=\"policyUrl\"", "name=\"implied\"",
                "name=\"storage\"", "/widget/privacy?inbox=" + inbox.id());

        HttpResponse<String> saved = session.post(page + "/consent",
                form("ASK", true, "MEMORY", "We keep this chat for 30 days.", "https://shop.example/privacy"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("version 1");
        InboxPrivacy first = privacy.inboxPrivacy(fixtures.grants(owner), inbox.id());
        assertThat(first).isEqualTo(new InboxPrivacy(inbox.id(), ConsentMode.IMPLIED, VisitorStorage.MEMORY,
                "We keep this chat for 30 days.", 1, "https://shop.example/privacy"));
        assertThat(events.of(InboxPrivacyChanged.class, owner.workspaceId())).hasSize(1);

        // the same notice and link: the version stays; only the mode changes
        session.post(page + "/consent",
                form("ASK", false, "BROWSER", "We keep this chat for 30 days.", "https://shop.example/privacy"));
        assertThat(privacy.inboxPrivacy(fixtures.grants(owner), inbox.id())).satisfies(p -> {
            assertThat(p.consent()).isEqualTo(ConsentMode.EXPLICIT);
            assertThat(p.storage()).isEqualTo(VisitorStorage.BROWSER);
            assertThat(p.noticeVersion()).isEqualTo(1);
        });
        // a new text: a new version
        session.post(page + "/consent",
                form("ASK", false, "BROWSER", "We keep this chat for 60 days.", "https://shop.example/privacy"));
        InboxPrivacy current = privacy.inboxPrivacy(fixtures.grants(owner), inbox.id());
        assertThat(current.noticeVersion()).isEqualTo(2);

        record Refusal(Map<String, String> form, String naming) {
        }
        List<Refusal> refusals = List.of(
                new Refusal(form("ASK", false, "BROWSER", "Changed", "http://shop.example/privacy"),
                        "privacy policy&#39;s address"),
                new Refusal(form("ASK", false, "BROWSER", "Changed", "javascript:alert(1)"),
                        "privacy policy&#39;s address"),
                new Refusal(form("ASK", false, "BROWSER", "Changed", "https://user:pw@shop.example/"),
                        "privacy policy&#39;s address"),
                new Refusal(form("ASK", false, "BROWSER", "x".repeat(1001), ""), "notice"),
                new Refusal(form("ASK", false, "BROWSER", "", ""), "notice"),
                new Refusal(withImplied(form("ASK", false, "BROWSER", "Changed", ""), "maybe"), "starting to write"),
                new Refusal(form("SOMETIMES", false, "BROWSER", "Changed", ""), "consent"),
                new Refusal(form("ASK", false, "DISK", "Changed", ""), "visitor&#39;s chat is kept"));
        for (Refusal refusal : refusals) {
            HttpResponse<String> refused = session.post(page + "/consent", refusal.form());
            assertThat(refused.statusCode()).as("%s", refusal.form()).isEqualTo(400);
            assertThat(refused.body()).as("%s", refusal.form()).contains(refusal.naming());
            assertThat(privacy.inboxPrivacy(fixtures.grants(owner), inbox.id())).as("nothing saved").isEqualTo(current);
        }
        assertThat(events.of(InboxPrivacyChanged.class, owner.workspaceId())).hasSize(3);

        Member other = fixtures.workspaceWithOwner();
        DashboardSession stranger = DashboardSession.signIn(port, other.email(), Fixtures.PASSWORD);
        assertThat(stranger.get(page).statusCode()).as("another workspace's inbox").isEqualTo(404);
        stranger.get("/app/privacy/ingest"); // for its form token
        assertThat(stranger.post(page + "/consent", form("OFF", false, "BROWSER", "", "")).statusCode()).isEqualTo(404);
        assertThat(privacy.inboxPrivacy(fixtures.grants(owner), inbox.id())).isEqualTo(current);
    }

    @Test
    void theStatementSaysWhatTheChatStoresAndForHowLongFromTheSettings() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox plain = fixtures.liveInbox(owner, "Plain");
        privacy.setIpMode(fixtures.grants(owner), IpMode.NONE);

        String first = statement(plain);
        assertThat(first)
            .contains("it does not ask for consent first", "Your browser keeps a token in this chat&#39;s own storage",
                    "Your IP address is not kept.", "no retention period is set", "card numbers and IBANs are removed")
            .doesNotContain("withdraw", "days", "id=\"notice\"", "id=\"policy\"");

        Inbox careful = fixtures.liveInbox(owner, "Careful");
        privacy.setIpMode(fixtures.grants(owner), IpMode.FULL);
        privacy.setInboxPrivacy(fixtures.grants(owner), careful.id(), ConsentMode.IMPLIED, VisitorStorage.MEMORY,
                "We <b>keep</b> chats.", "https://shop.example/privacy?a=1&b=2");
        String name = workspaces.find(owner.workspaceId()).orElseThrow().name();
        retention.change(fixtures.grants(owner), careful.id(), new RetentionPolicy(30, 400, 7, null, null), name);

        String second = statement(careful);
        assertThat(second).contains("until you accept its notice or start writing",
                "You can withdraw your consent in the chat at any time",
                "Nothing is stored in your browser: the chat lasts as long as the page is open.",
                "Your whole IP address is kept, encrypted.", "A conversation is deleted 30 days after it was resolved.",
                "A conversation with no new message for 400 days is deleted.",
                "A file is deleted 7 days after it was sent.", "We &lt;b&gt;keep&lt;/b&gt; chats.",
                "href=\"https://shop.example/privacy?a=1&amp;b=2\"")
            .doesNotContain("<b>keep", "no retention period is set", "Your IP address is not kept.");
        // the first inbox follows the workspace's policy (none): unchanged but for the
        // IP mode, which is the workspace's
        assertThat(statement(plain)).contains("no retention period is set", "Your whole IP address is kept");

        HttpResponse<String> unknown = DashboardSession.anonymous(port).get("/widget/privacy?inbox=nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private String statement(Inbox inbox) {
        HttpResponse<String> page = DashboardSession.anonymous(port).get("/widget/privacy?inbox=" + inbox.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'",
                "frame-ancestors 'none'");
        return page.body();
    }

    private static Map<String, String> withImplied(Map<String, String> form, String implied) {
        form.put("implied", implied);
        return form;
    }

    private static Map<String, String> form(String consent, boolean implied, String storage, String notice,
            String policyUrl) {
        Map<String, String> form = new HashMap<>(
                Map.of("consent", consent, "storage", storage, "notice", notice, "policyUrl", policyUrl));
        if (implied) {
            form.put("implied", "true");
        }
        return form;
    }

}
