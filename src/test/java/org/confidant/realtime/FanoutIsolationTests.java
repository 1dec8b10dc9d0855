package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confidant.access.ConversationScope;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.conversation.AuthorKind;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationStatus;
import org.confidant.conversation.Message;
import org.confidant.conversation.MessagePosted;
import org.confidant.identity.Role;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.confidant.system.StrictJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import tools.jackson.databind.json.JsonMapper;

/**
 * Fan-out, attacked where issue 14's first defect hit it: a frame that one socket cannot
 * take closes that socket alone (its neighbours, visitor tabs and watching agents,
 * receive it and stay open), and a frame that cannot be encoded at all fails before the
 * commit, so nothing is published after it.
 */
class FanoutIsolationTests {

    private static final Frames FRAMES = new Frames(StrictJson.configure(JsonMapper.builder()).build());

    private final Conversation conversation = new Conversation(ConversationId.of(UUID.randomUUID().toString()),
            new WorkspaceId(UUID.randomUUID()), InboxId.random(), ContactId.random(), ConversationStatus.OPEN, null, 1,
            Instant.now(), Instant.now());

    @AfterEach
    void noTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aFrameOneSocketCannotTakeClosesThatSocketAloneAndReachesEveryOther() {
        LocalSockets sockets = new LocalSockets(null, FRAMES, null);
        List<FakeSession> visitors = List.of(new FakeSession(false), new FakeSession(true), new FakeSession(false));
        List<FakeSession> agents = List.of(new FakeSession(false), new FakeSession(true), new FakeSession(false));
        visitors.forEach(s -> sockets.addVisitor(conversation.contactId(), new ClientSocket(s)));
        for (FakeSession session : agents) {
            AgentSocket agent = new AgentSocket(new ClientSocket(session),
                    new Grants(conversation.workspaceId(), new MemberId(UUID.randomUUID()), Role.AGENT,
                            Set.of(Permission.CONVERSATIONS_READ_ALL), ConversationScope.INBOXES, Set.of()));
            sockets.addAgent(agent);
            sockets.watch(agent, conversation.id());
        }
        String frame = FRAMES.message(message("Hello \uD83D\uDE00"));

        sockets.deliver(new FanoutMessage(FanoutMessage.Kind.MESSAGE, conversation.workspaceId(), conversation.id(),
                conversation.contactId(), conversation.inboxId(), null, frame));

        List<FakeSession> all = new ArrayList<>(visitors);
        all.addAll(agents);
        for (FakeSession session : all) {
            if (session.failing) {
                assertThat(session.closed).as("a socket whose send failed").isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
            }
            else {
                assertThat(session.closed).as("a neighbour of a failing socket").isNull();
                assertThat(session.sent).containsExactly(frame);
            }
        }
    }

    @Test
    void aFrameThatCannotBeEncodedFailsBeforeTheCommitAndNothingIsPublished() {
        List<FanoutMessage> published = new ArrayList<>();
        RealtimeRelay relay = new RealtimeRelay(published::add, FRAMES);
        TransactionSynchronizationManager.initSynchronization();

        // a lone surrogate no entry point lets through any more: were one to slip by, the
        // commit fails, not the send
        assertThatThrownBy(() -> relay.on(new MessagePosted(message("a\uD800b"), conversation)))
            .isInstanceOf(Frames.UnsendableFrame.class);

        assertThat(TransactionSynchronizationManager.getSynchronizations()).as("publications after the commit")
            .isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aFrameIsMadeBeforeTheCommitPublishedAfterItAndAFailingFanoutNeverReachesTheCommitter() {
        List<FanoutMessage> published = new ArrayList<>();
        RealtimeRelay relay = new RealtimeRelay(published::add, FRAMES);
        TransactionSynchronizationManager.initSynchronization();

        relay.on(new MessagePosted(message("Hello"), conversation));

        assertThat(published).as("published before the commit").isEmpty();
        List<TransactionSynchronization> afterCommit = TransactionSynchronizationManager.getSynchronizations();
        afterCommit.forEach(TransactionSynchronization::afterCommit);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().frame()).contains("\"text\":\"Hello\"");

        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.initSynchronization();
        RealtimeRelay failing = new RealtimeRelay(message -> {
            throw new IllegalStateException("fan-out is down");
        }, FRAMES);
        failing.on(new MessagePosted(message("Hello again"), conversation));
        assertThatNoException().isThrownBy(() -> TransactionSynchronizationManager.getSynchronizations()
            .forEach(TransactionSynchronization::afterCommit));
    }

    private Message message(String text) {
        return new Message(conversation.workspaceId(), conversation.id(), 2, "m-1", AuthorKind.VISITOR, "Ada", text,
                Instant.now(), null, 0);
    }

    /**
     * A socket's session: records what it was sent, or fails every send as a broken
     * connection does.
     */
    private static final class FakeSession implements WebSocketSession {

        final boolean failing;

        final List<String> sent = new CopyOnWriteArrayList<>();

        volatile CloseStatus closed;

        private final String id = UUID.randomUUID().toString();

        FakeSession(boolean failing) {
            this.failing = failing;
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            if (failing) {
                throw new IOException("Broken pipe");
            }
            sent.add(((TextMessage) message).getPayload());
        }

        @Override
        public boolean isOpen() {
            return closed == null;
        }

        @Override
        public void close(CloseStatus status) {
            closed = status;
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public URI getUri() {
            return null;
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return Map.of();
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return null;
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getTextMessageSizeLimit() {
            return 0;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getBinaryMessageSizeLimit() {
            return 0;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }

    }

}
