package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confidant.realtime.RealtimeTestSupport.barrier;
import static org.confidant.realtime.RealtimeTestSupport.hello;
import static org.confidant.realtime.RealtimeTestSupport.sendForAck;
import static org.confidant.realtime.RealtimeTestSupport.visitorSend;

import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.confidant.DashboardSession;
import org.confidant.access.MatrixWorld.Caller;
import org.confidant.access.MatrixWorld;
import org.confidant.conversation.ConversationManagement;
import org.confidant.realtime.RealtimeTestSupport.Visitor;
import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix of the sockets: every frame type the two gateways register ×
 * every kind of caller × an object of the caller's own and one of another workspace,
 * checked against the policy below; a registered frame type without a row fails the test.
 * Each frame is followed by a {@code ping}: whatever the server answered arrives before
 * the {@code pong}. A <b>leak</b> is a caller getting what the policy denies them,
 * {@code forbidden} where the policy says not found, a denied {@code message.send} or
 * {@code note.send} that stored something, or any frame naming a conversation the caller
 * may not read.
 */
@IntegrationTest
class SocketAuthorizationMatrixTests {

    /** What a caller gets for one frame. */
    enum Outcome {

        OK, NOT_FOUND, FORBIDDEN, NOT_AUTHENTICATED, NO_SOCKET, OTHER

    }

    /**
     * A row: who may send the frame type about an object of their own workspace (no one
     * may about a foreign one).
     */
    record Rule(Set<Caller> allowed, boolean aboutAnObject) {
    }

    private static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);

    private static final Map<String, Rule> AGENT_POLICY = Map.of("ping", new Rule(MatrixWorld.MEMBERS, false), "watch",
            new Rule(MatrixWorld.READERS_OF_A, true), "message.send", new Rule(MatrixWorld.READERS_OF_A, true),
            "note.send", new Rule(MatrixWorld.READERS_OF_A, true), "read", new Rule(MatrixWorld.READERS_OF_A, true),
            "typing", new Rule(MatrixWorld.READERS_OF_A, true));

    /**
     * On the widget's socket the caller's identity is the visitor token of {@code hello},
     * never a dashboard session.
     */
    private static final Map<String, Rule> VISITOR_POLICY = Map.of("ping", new Rule(EVERYONE, false), "hello",
            new Rule(EVERYONE, false), "sync", new Rule(EnumSet.of(Caller.VISITOR), true), "message.send",
            new Rule(EnumSet.of(Caller.VISITOR), false), "consent.withdraw",
            new Rule(EnumSet.of(Caller.VISITOR), false), "typing", new Rule(EnumSet.of(Caller.VISITOR), false));

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AgentGateway agentGateway;

    @Autowired
    VisitorGateway visitorGateway;

    @Autowired
    ConversationManagement conversations;

    private MatrixWorld world;

    private final Map<Caller, DashboardSession> sessions = new LinkedHashMap<>();

    private final List<String> leaks = new ArrayList<>();

    private final List<String> mismatches = new ArrayList<>();

    private int cases;

    @Test
    void everyFrameTypeTimesEveryCallerTimesOwnAndForeignObjectsFollowThePolicy() throws Exception {
        assertThat(new TreeSet<>(agentGateway.messageTypes())).as("dashboard socket frame types and policy rows")
            .isEqualTo(new TreeSet<>(AGENT_POLICY.keySet()));
        assertThat(new TreeSet<>(visitorGateway.messageTypes())).as("widget socket frame types and policy rows")
            .isEqualTo(new TreeSet<>(VISITOR_POLICY.keySet()));
        world = new MatrixWorld(context);
        for (Caller caller : Caller.values()) {
            if (caller.signedIn()) {
                sessions.put(caller,
                        DashboardSession.signIn(port, world.members.get(caller).email(), Fixtures.PASSWORD));
            }
        }

        for (String type : agentGateway.messageTypes()) {
            for (Caller caller : Caller.values()) {
                for (boolean foreign : objectsOf(AGENT_POLICY.get(type))) {
                    agentCase(type, caller, foreign);
                }
            }
        }
        for (String type : visitorGateway.messageTypes()) {
            for (Caller caller : Caller.values()) {
                for (boolean foreign : objectsOf(VISITOR_POLICY.get(type))) {
                    visitorCase(type, caller, foreign);
                }
            }
        }
        System.out.printf(
                "socket authorization matrix: %d frame types, %d callers, %d cases, %d leaks, %d mismatches%n",
                agentGateway.messageTypes().size() + visitorGateway.messageTypes().size(), Caller.values().length,
                cases, leaks.size(), mismatches.size());
        assertThat(leaks).as("leaks").isEmpty();
        assertThat(mismatches).as("answers that differ from the policy").isEmpty();
    }

    /**
     * A frame about an object is tried on a foreign one and on an own one; any other
     * frame once.
     */
    private static List<Boolean> objectsOf(Rule rule) {
        return rule.aboutAnObject() ? List.of(true, false) : List.of(false);
    }

    private void agentCase(String type, Caller caller, boolean foreign) throws Exception {
        Rule rule = AGENT_POLICY.get(type);
        String label = "dashboard " + type + " as " + caller + (foreign ? " on a foreign object" : "");
        Outcome expected = !caller.signedIn() ? Outcome.NO_SOCKET
                : rule.allowed().contains(caller) && !(foreign && rule.aboutAnObject()) ? Outcome.OK
                        : Outcome.NOT_FOUND;
        if (!caller.signedIn()) {
            // a visitor or anonymous caller has no dashboard session: the handshake
            // itself is refused
            check(label, expected,
                    handshakeRefused(() -> TestSocket.agent(port, null)) ? Outcome.NO_SOCKET : Outcome.OK);
            return;
        }
        ConversationId object = foreign ? world.foreignConversation : world.inA;
        WorkspaceId home = foreign ? world.foreignOwner.workspaceId() : world.owner.workspaceId();
        int storedBefore = conversations.messagesAfter(home, object, 0).size();
        int notesBefore = notesOf(foreign, object);
        try (TestSocket socket = TestSocket.agent(port, sessions.get(caller).cookie())) {
            assertThat(socket.next().path("type").asString()).isEqualTo("welcome");
            socket.send(agentFrame(type, object));
            List<JsonNode> answers = barrier(socket);
            Outcome actual = classify(type, answers);
            check(label, expected, actual);
            if (expected != Outcome.OK) {
                namesNothingHidden(label, answers, world.hiddenFrom(caller));
                storesNothing(label, home, object, storedBefore);
                if (notesOf(foreign, object) != notesBefore) {
                    leaks.add(label + ": a note was stored");
                }
            }
        }
    }

    private int notesOf(boolean foreign, ConversationId conversation) {
        return conversations
            .notes(context.getBean(Fixtures.class).grants(foreign ? world.foreignOwner : world.owner), conversation)
            .size();
    }

    private void visitorCase(String type, Caller caller, boolean foreign) throws Exception {
        Rule rule = VISITOR_POLICY.get(type);
        String label = "widget " + type + " as " + caller + (foreign ? " on a foreign object" : "");
        Outcome expected = rule.allowed().contains(caller) && !(foreign && rule.aboutAnObject()) ? Outcome.OK
                : caller == Caller.VISITOR ? Outcome.NOT_FOUND : Outcome.NOT_AUTHENTICATED;
        // a visitor of inbox A with a conversation of their own, for every frame that
        // needs a
        // visitor session; everyone else, and ping and hello, on a widget socket as it
        // comes
        // (hello is said once per socket)
        Visitor visitor = caller == Caller.VISITOR && !type.equals("ping") && !type.equals("hello")
                ? hello(port, world.inboxA.id().toString(), null) : null;
        try (TestSocket socket = visitor != null ? visitor.socket() : TestSocket.visitor(port)) {
            ConversationId own = null;
            if (visitor != null) {
                own = ConversationId
                    .of(sendForAck(socket, visitorSend("own-" + UUID.randomUUID(), "mine")).path("conversation")
                        .asString());
            }
            // foreign: a conversation of another workspace; for the visitor, also another
            // visitor's in their inbox
            List<ConversationId> objects = !foreign ? (own == null ? List.of(world.inA) : List.of(own))
                    : caller == Caller.VISITOR ? List.of(world.foreignConversation, world.inA)
                            : List.of(world.foreignConversation);
            for (ConversationId object : objects) {
                WorkspaceId home = object.equals(world.foreignConversation) ? world.foreignOwner.workspaceId()
                        : world.owner.workspaceId();
                int storedBefore = conversations.messagesAfter(home, object, 0).size();
                socket.send(visitorFrame(type, object));
                // a withdrawn consent ends the visitor's sessions: the answer is the
                // error that closes the socket
                List<JsonNode> answers = type.equals("consent.withdraw") && visitor != null
                        ? List.of(socket.next("error")) : barrier(socket);
                check(label + " (" + object + ")", expected, classify(type, answers));
                if (expected != Outcome.OK) {
                    List<ConversationId> hidden = new ArrayList<>(
                            List.of(world.inA, world.inB, world.foreignConversation));
                    namesNothingHidden(label, answers, hidden);
                    storesNothing(label, home, object, storedBefore);
                }
            }
        }
    }

    private Map<String, Object> agentFrame(String type, ConversationId conversation) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        switch (type) {
            case "watch" -> frame.put("after", 0);
            case "message.send", "note.send" -> {
                frame.put("clientMsgId", "matrix-" + UUID.randomUUID());
                frame.put("text", "from the matrix");
            }
            case "read" -> frame.put("seq", 1);
            default -> {
            }
        }
        if (!type.equals("ping")) {
            frame.put("conversation", conversation.toString());
        }
        return frame;
    }

    private Map<String, Object> visitorFrame(String type, ConversationId conversation) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        switch (type) {
            case "hello" -> {
                frame.put("inbox", world.inboxA.id().toString());
                frame.put("host", Fixtures.HOST);
            }
            case "sync" -> {
                frame.put("conversation", conversation.toString());
                frame.put("after", 0);
            }
            case "message.send" -> { // a visitor writes into their own conversation,
                                     // naming none
                frame.put("clientMsgId", "matrix-" + UUID.randomUUID());
                frame.put("text", "from the matrix");
            }
            default -> {
            }
        }
        return frame;
    }

    /** What the answers before the barrier's pong mean. */
    private static Outcome classify(String type, List<JsonNode> answers) {
        JsonNode error = answers.stream()
            .filter(f -> f.path("type").asString().equals("error"))
            .findFirst()
            .orElse(null);
        if (error != null) {
            return switch (error.path("code").asString()) {
                case "consent_withdrawn" -> type.equals("consent.withdraw") ? Outcome.OK : Outcome.OTHER;
                case "conversation_not_found", "inbox_not_found" -> Outcome.NOT_FOUND;
                case "forbidden" -> Outcome.FORBIDDEN;
                case "not_authenticated" -> Outcome.NOT_AUTHENTICATED;
                default -> Outcome.OTHER;
            };
        }
        List<String> types = answers.stream().map(f -> f.path("type").asString()).toList();
        boolean answered = switch (type) {
            case "ping", "read", "typing" -> true; // the pong itself; a read or typing
                                                   // signal
                                                   // is answered by nothing
            // but the absence of an error
            case "hello" -> types.contains("welcome");
            case "watch", "sync" -> types.contains("synced");
            case "message.send" -> types.contains("ack");
            case "note.send" -> types.contains("note.ack");
            default -> false;
        };
        return answered ? Outcome.OK : Outcome.OTHER;
    }

    private void check(String label, Outcome expected, Outcome actual) {
        cases++;
        boolean leak = (expected != Outcome.OK && actual == Outcome.OK)
                || (expected == Outcome.NOT_FOUND && actual == Outcome.FORBIDDEN);
        if (leak) {
            leaks.add(label + ": expected " + expected + ", got " + actual);
        }
        else if (expected != actual) {
            mismatches.add(label + ": expected " + expected + ", got " + actual);
        }
    }

    private void namesNothingHidden(String label, List<JsonNode> answers, List<ConversationId> hidden) {
        for (JsonNode answer : answers) {
            for (ConversationId conversation : hidden) {
                if (answer.toString().contains(conversation.toString())) {
                    leaks.add(label + ": a frame names conversation " + conversation + ": " + answer);
                }
            }
        }
    }

    private void storesNothing(String label, WorkspaceId home, ConversationId object, int storedBefore) {
        int storedAfter = conversations.messagesAfter(home, object, 0).size();
        if (storedAfter != storedBefore) {
            leaks.add(label + ": the conversation went from " + storedBefore + " to " + storedAfter + " messages");
        }
    }

    private static boolean handshakeRefused(Runnable open) {
        try {
            open.run();
            return false;
        }
        catch (CompletionException e) {
            return e.getCause() instanceof WebSocketHandshakeException;
        }
    }

}
