package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.contact.ContactManagement;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The labels page, the thread's label forms, the list's filters in the URL and bulk
 * resolve, through the dashboard's own routes: refusals are a 400 with nothing stored,
 * names are shown as text.
 */
@IntegrationTest
class LabelsAndFiltersPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    LabelManagement labels;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    ContactManagement contacts;

    Member owner;

    DashboardSession browser;

    Inbox shop;

    @BeforeEach
    void signedInOwner() {
        owner = fixtures.workspaceWithOwner();
        shop = fixtures.liveInbox(owner, "shop.test");
        browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
    }

    @Test
    void labelsAreAddedOnTheirPageAndRefusalsStoreNothing() {
        browser.get("/app/labels");
        assertThat(browser.post("/app/labels", Map.of("name", " <b>VIP</b> ", "colour", "pink")).statusCode())
            .isEqualTo(302);
        HttpResponse<String> page = browser.get("/app/labels");
        assertThat(page.body()).contains("&lt;b&gt;VIP&lt;/b&gt;").doesNotContain("<b>VIP</b>").contains("label--pink");

        HttpResponse<String> badColour = browser.post("/app/labels", Map.of("name", "red", "colour", "#ff0000"));
        assertThat(badColour.statusCode()).isEqualTo(400);
        assertThat(badColour.body()).contains("id=\"label-error\"");
        HttpResponse<String> taken = browser.post("/app/labels", Map.of("name", "<B>vip</B>", "colour", "blue"));
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("already has a label named");
        assertThat(labels.all(fixtures.grants(owner))).extracting(Label::name).containsExactly("<b>VIP</b>");
    }

    @Test
    void aLabelPutOnFromTheThreadNarrowsTheListInTheUrlAndBulkResolveResolves() {
        ConversationId labelled = conversationIn(shop);
        ConversationId other = conversationIn(shop);
        Label vip = labels.add(fixtures.grants(owner), "vip", LabelColour.PINK);
        browser.get("/app/conversations/" + labelled);
        assertThat(browser.post("/app/conversations/" + labelled + "/labels", Map.of("label", vip.id().toString()))
            .statusCode()).isEqualTo(302);
        assertThat(browser.get("/app/conversations/" + labelled).body()).contains("id=\"thread-labels\"")
            .contains("class=\"label-name\">vip<");

        String listed = browser.get("/app/conversations?filter=all&label=" + vip.id()).body();
        assertThat(listed).contains("data-conversation=\"" + labelled + "\"")
            .doesNotContain("data-conversation=\"" + other + "\"");
        assertThat(browser.get("/app/conversations?filter=all&inbox=" + shop.id() + "&assignee=unassigned").body())
            .contains("data-conversation=\"" + labelled + "\"")
            .contains("data-conversation=\"" + other + "\"");
        assertThat(browser.get("/app/conversations?filter=all&label=not-an-id").statusCode()).isEqualTo(400);

        assertThat(
                browser.post("/app/conversations/" + labelled + "/labels/remove", Map.of("label", vip.id().toString()))
                    .statusCode())
            .isEqualTo(302);
        assertThat(labels.of(fixtures.grants(owner), labelled)).isEmpty();

        assertThat(browser.post("/app/conversations/resolve", Map.of("conversation", other.toString())).statusCode())
            .isEqualTo(302);
        assertThat(conversations.find(owner.workspaceId(), other).orElseThrow().status())
            .isEqualTo(ConversationStatus.RESOLVED);
        assertThat(conversations.find(owner.workspaceId(), labelled).orElseThrow().status())
            .isEqualTo(ConversationStatus.OPEN);
    }

    private ConversationId conversationIn(Inbox inbox) {
        var visitor = contacts.createVisitor(inbox.workspaceId(), inbox.id(), "203.0.113.9");
        return conversations.postFromVisitor(inbox.workspaceId(), inbox.id(), visitor.id(), "v-1", "Hello")
            .message()
            .conversationId();
    }

}
