package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.agentSocket;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.newTenant;
import static org.confidant.realtime.RealtimeTestSupport.quietThenBarrier;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.types;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;

import java.util.List;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.conversation.ConversationManagement;
import org.confidant.identity.Member;
import org.confidant.identity.NotificationPreferenceManagement;
import org.confidant.identity.NotificationPreferences;
import org.confidant.inbox.Inbox;
import org.confidant.realtime.RealtimeTestSupport.Tenant;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Notifications on the dashboard's socket: a visitor's new conversation and messages
 * reach the members who may read the conversation and whose preferences ask for them,
 * naming the inbox and the contact and never the text unless the member turned previews
 * on; never a member of another inbox; a member's changed preferences apply at once to
 * their open sockets.
 */
@IntegrationTest
class NotificationsOnSocketsIntegrationTests {

    private static final String SECRET = "SECRET-TEXT my card is on the way";

    @Autowired
    Fixtures fixtures;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    NotificationPreferenceManagement preferences;

    @LocalServerPort
    int port;

    @Test
    void byDefaultANewConversationNotifiesEveryReaderWithoutTheTextAndLaterMessagesOnlyTheAssignee() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Member agent = fixtures.agent(tenant.owner(), "Ana Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), agent);
        Inbox other = fixtures.liveInbox(tenant.owner(), "Other shop");
        Member outsider = fixtures.agent(tenant.owner(), "Oto Outsider");
        fixtures.joinInbox(tenant.owner(), other.id(), outsider);

        try (Visitor visitor = hello(port, tenant.inboxId(), null);
                TestSocket ownerSocket = agentSocket(port, tenant.owner());
                TestSocket agentSocket = agentSocket(port, agent);
                TestSocket outsiderSocket = agentSocket(port, outsider)) {
            String conversation = sendForAck(visitor.socket(), visitorSend("v-1", SECRET)).path("conversation")
                .asString();

            for (TestSocket socket : List.of(ownerSocket, agentSocket)) {
                JsonNode notify = socket.next("notify");
                assertThat(notify.path("event").asString()).isEqualTo("conversation");
                assertThat(notify.path("conversation").asString()).isEqualTo(conversation);
                assertThat(notify.path("inbox").asString()).isEqualTo("Website");
                assertThat(notify.path("contact").asString()).isNotBlank();
                assertThat(notify.has("text")).as("a notification without previews has no text").isFalse();
                assertThat(notify.toString()).doesNotContain("SECRET-TEXT");
            }
            assertThat(types(quietThenBarrier(outsiderSocket))).as("a member of another inbox")
                .doesNotContain("notify");

            // unassigned: a later message notifies nobody (messages in all inboxes are
            // off by default)
            sendForAck(visitor.socket(), visitorSend("v-2", "still there?"));
            List<List<JsonNode>> heard = quietThenBarrier(List.of(ownerSocket, agentSocket));
            assertThat(types(heard.get(0))).doesNotContain("notify");
            assertThat(types(heard.get(1))).doesNotContain("notify");

            // assigned to Ana: her conversation's messages notify her, and only her
            conversations.assign(fixtures.grants(tenant.owner()), ConversationId.of(conversation), agent.id());
            nextNotify(agentSocket, "assigned");
            sendForAck(visitor.socket(), visitorSend("v-3", SECRET + " again"));
            JsonNode mine = agentSocket.next("notify");
            assertThat(mine.path("event").asString()).isEqualTo("message");
            assertThat(mine.has("text")).isFalse();
            assertThat(types(quietThenBarrier(ownerSocket))).as("the owner, not assigned").doesNotContain("notify");
        }
    }

    @Test
    void previewsCarryTheTextOnlyToTheMemberWhoTurnedThemOnAndPreferencesApplyToOpenSockets() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Member agent = fixtures.agent(tenant.owner(), "Ana Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), agent);

        try (Visitor visitor = hello(port, tenant.inboxId(), null);
                TestSocket ownerSocket = agentSocket(port, tenant.owner());
                TestSocket agentSocket = agentSocket(port, agent)) {
            // Ana wants every message, with its text, and no sound; the owner wants no
            // new conversations
            preferences.change(tenant.owner().workspaceId(), agent.id(),
                    new NotificationPreferences(true, true, true, false, true));
            JsonNode changed = agentSocket.next("preferences");
            assertThat(changed.path("sound").asBoolean()).isFalse();
            assertThat(changed.path("previews").asBoolean()).isTrue();
            preferences.change(tenant.owner().workspaceId(), tenant.owner().id(),
                    new NotificationPreferences(false, true, false, true, false));
            ownerSocket.next("preferences");

            sendForAck(visitor.socket(), visitorSend("v-1", SECRET));
            JsonNode withText = agentSocket.next("notify");
            assertThat(withText.path("text").asString()).isEqualTo(SECRET);
            assertThat(quietThenBarrier(ownerSocket)).as("the owner turned new conversations off")
                .noneMatch(f -> f.path("type").asString().equals("notify"))
                .noneMatch(f -> f.toString().contains("SECRET-TEXT") && !f.path("type").asString().equals("message"));

            sendForAck(visitor.socket(), visitorSend("v-2", "second"));
            assertThat(agentSocket.next("notify").path("text").asString()).isEqualTo("second");

            // a new socket hears the sound preference in its welcome
            try (TestSocket again = TestSocket.agent(port,
                    org.confidant.DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD).cookie())) {
                JsonNode welcome = again.next();
                assertThat(welcome.path("type").asString()).isEqualTo("welcome");
                assertThat(welcome.path("sound").asBoolean(true)).isFalse();
            }
        }
    }

    @Test
    void aNoteMentionNotifiesTheMentionedReadersOnlyAndReassignmentNotifiesBothAssignees() throws Exception {
        Tenant tenant = newTenant(fixtures);
        Member ana = fixtures.agent(tenant.owner(), "Ana Agent");
        Member ben = fixtures.agent(tenant.owner(), "Ben Agent");
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), ana);
        fixtures.joinInbox(tenant.owner(), tenant.inbox().id(), ben);
        Inbox other = fixtures.liveInbox(tenant.owner(), "Other shop");
        Member outsider = fixtures.agent(tenant.owner(), "Oto Outsider");
        fixtures.joinInbox(tenant.owner(), other.id(), outsider);

        try (Visitor visitor = hello(port, tenant.inboxId(), null);
                TestSocket ownerSocket = agentSocket(port, tenant.owner());
                TestSocket anaSocket = agentSocket(port, ana);
                TestSocket benSocket = agentSocket(port, ben);
                TestSocket outsiderSocket = agentSocket(port, outsider)) {
            ConversationId conversation = ConversationId
                .of(sendForAck(visitor.socket(), visitorSend("v-1", "hello")).path("conversation").asString());
            nextNotify(ownerSocket, "conversation");
            nextNotify(anaSocket, "conversation");
            nextNotify(benSocket, "conversation");

            // Ana and Oto (who may not read it) are mentioned; Ben is not
            conversations.addNote(fixtures.grants(tenant.owner()), conversation, "n-1",
                    "NOTE-SECRET @ana agent please call back; @Oto Outsider, fyi");
            JsonNode mention = nextNotify(anaSocket, "mention");
            assertThat(mention.path("by").asString()).isEqualTo(tenant.owner().displayName());
            assertThat(mention.path("conversation").asString()).isEqualTo(conversation.toString());
            assertThat(mention.path("inbox").asString()).isEqualTo("Website");
            assertThat(mention.has("text")).as("no previews: no note text").isFalse();
            List<List<JsonNode>> heard = quietThenBarrier(List.of(outsiderSocket, benSocket, ownerSocket));
            assertThat(heard.get(0)).as("a mentioned member who may not read the conversation").isEmpty();
            assertThat(types(heard.get(1))).as("a reader not mentioned").doesNotContain("notify");
            assertThat(types(heard.get(2))).as("the note's author").doesNotContain("notify");

            // with previews on, a mention carries the note's text
            preferences.change(tenant.owner().workspaceId(), ana.id(),
                    new NotificationPreferences(true, true, false, true, true));
            anaSocket.next("preferences");
            conversations.addNote(fixtures.grants(tenant.owner()), conversation, "n-2", "@Ana Agent NOTE-SECRET two");
            assertThat(nextNotify(anaSocket, "mention").path("text").asString())
                .isEqualTo("@Ana Agent NOTE-SECRET two");

            // assigned to Ana, then reassigned to Ben: each hears it, the one who did it
            // does not
            conversations.assign(fixtures.grants(tenant.owner()), conversation, ana.id());
            assertThat(nextNotify(anaSocket, "assigned").path("by").asString()).isEqualTo(tenant.owner().displayName());
            conversations.assign(fixtures.grants(tenant.owner()), conversation, ben.id());
            assertThat(nextNotify(benSocket, "assigned").path("contact").asString()).isNotBlank();
            assertThat(nextNotify(anaSocket, "reassigned").path("by").asString())
                .isEqualTo(tenant.owner().displayName());
            assertThat(types(quietThenBarrier(ownerSocket))).doesNotContain("notify");

            // Ben hands it back himself: nobody is told (he did it)
            conversations.assign(fixtures.grants(ben), conversation, null);
            assertThat(quietThenBarrier(List.of(anaSocket, benSocket)))
                .allSatisfy(frames -> assertThat(types(frames)).doesNotContain("notify"));
        }
    }

    /** The next {@code notify} frame, which must be of this event. */
    private static JsonNode nextNotify(TestSocket socket, String event) {
        JsonNode notify = socket.next("notify");
        assertThat(notify.path("event").asString()).as("notify %s", notify).isEqualTo(event);
        return notify;
    }

}
