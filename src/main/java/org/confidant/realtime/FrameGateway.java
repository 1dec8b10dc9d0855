package org.confidant.realtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.RateLimited;
import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What both gateways share: frame reassembly and size limit, JSON parsing, dispatch
 * through the registry of frame types, and turning every refusal into an error frame
 * while the socket stays open. A gateway implements {@link #opened} and {@link #closed}
 * and registers a handler for each frame type it accepts with {@link #on}; the registry
 * is also what the authorization matrix test walks, so a new frame type cannot go
 * untested.
 */
abstract class FrameGateway<S> extends AbstractWebSocketHandler {

    /**
     * What one frame type does on a socket with state {@code S}, given the frame bound to
     * its record {@code F}.
     */
    @FunctionalInterface
    interface FrameHandler<S, F> {

        void handle(ClientSocket socket, S state, F frame);

    }

    /** A frame type's record and handler. */
    private record Registration<S, F>(Class<F> fields, FrameHandler<S, F> handler) {

        void handle(Frames frames, ClientSocket socket, S state, JsonNode frame) {
            handler.handle(socket, state, frames.bind(frame, fields));
        }
    }

    private static final Logger log = LoggerFactory.getLogger(FrameGateway.class);

    protected final Frames frames;

    private final Map<String, Registration<S, ?>> handlers = new LinkedHashMap<>();

    private final Map<String, ClientSocket> sockets = new ConcurrentHashMap<>();

    private final Map<String, S> states = new ConcurrentHashMap<>();

    FrameGateway(Frames frames) {
        this.frames = frames;
        on("ping", ClientFrames.Ping.class, (socket, state, frame) -> socket.send("{\"type\":\"pong\"}"));
    }

    /**
     * Registers a frame type: the record its fields bind to (see {@link ClientFrames})
     * and its handler; called from the gateways' constructors only.
     */
    protected final <F> void on(String type, Class<F> fields, FrameHandler<S, F> handler) {
        handlers.put(type, new Registration<>(fields, handler));
    }

    /** The frame types this endpoint accepts, in registration order. */
    final Set<String> messageTypes() {
        return Collections.unmodifiableSet(handlers.keySet());
    }

    /** The per-socket state for a new socket; null refuses the socket. */
    protected abstract S opened(WebSocketSession session, ClientSocket socket);

    protected abstract void closed(ClientSocket socket, S state);

    /**
     * The workspace a socket acts in; null until it has authenticated (a visitor's
     * {@code hello}).
     */
    protected abstract @Nullable WorkspaceId workspaceOf(S state);

    /** The error code a {@link NotFound} becomes on this endpoint. */
    protected String notFoundCode(NotFound notFound) {
        return "conversation_not_found";
    }

    @Override
    public final void afterConnectionEstablished(WebSocketSession session) {
        ClientSocket socket = new ClientSocket(session);
        S state = opened(session, socket);
        if (state == null) {
            socket.close(CloseStatus.POLICY_VIOLATION);
            return;
        }
        sockets.put(session.getId(), socket);
        states.put(session.getId(), state);
    }

    @Override
    public final boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected final void handleTextMessage(WebSocketSession session, TextMessage message) {
        ClientSocket socket = sockets.get(session.getId());
        S state = states.get(session.getId());
        if (socket == null || state == null) {
            return;
        }
        ClientSocket.Assembled frame = socket.append(message.getPayload(), message.isLast());
        if (frame == null) {
            return;
        }
        String clientMsgId = null;
        try {
            if (frame.tooLarge()) {
                throw new Rejected("frame_too_large",
                        "A frame may hold at most " + ClientSocket.MAX_FRAME_CHARS + " characters.");
            }
            JsonNode node = frames.parse(frame.text());
            clientMsgId = Frames.clientMsgIdOf(node);
            Frames.requireWellFormed(node);
            Registration<S, ?> handler = handlers.get(node.get("type").stringValue());
            if (handler == null) {
                throw new Rejected("unknown_type", "This endpoint does not know frames of this type.");
            }
            // refusals are thrown as Rejected, NotFound, Forbidden or RateLimited
            WorkspaceId workspace = workspaceOf(state);
            if (workspace == null) {
                handler.handle(frames, socket, state, node);
            }
            else {
                Tenancy.run(workspace, () -> handler.handle(frames, socket, state, node));
            }
        }
        catch (RateLimited limited) {
            socket.send(frames.rateLimited(limited, clientMsgId));
        }
        catch (Rejected rejected) {
            socket.send(frames.error(rejected.code(), rejected.getMessage(), clientMsgId));
        }
        catch (NotFound notFound) {
            socket.send(frames.error(notFoundCode(notFound), notFound.getMessage() + ".", clientMsgId));
        }
        catch (Forbidden forbidden) {
            socket.send(frames.error("forbidden", forbidden.getMessage(), clientMsgId));
        }
        catch (RuntimeException unexpected) {
            log.error("frame on socket {} failed", session.getId(), unexpected);
            socket.send(frames.error("internal", "Something went wrong on our side; please try again.", clientMsgId));
        }
    }

    @Override
    protected final void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        ClientSocket socket = sockets.get(session.getId());
        if (socket != null && message.isLast()) {
            socket.send(frames.error("bad_frame", "Frames are JSON text.", null));
        }
    }

    @Override
    public final void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("transport error on socket {}: {}", session.getId(), exception.toString());
    }

    @Override
    public final void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ClientSocket socket = sockets.remove(session.getId());
        S state = states.remove(session.getId());
        if (socket != null && state != null) {
            closed(socket, state);
        }
    }

    /**
     * Sends the conversation's messages after {@code after}, in order (at most one
     * batch), then {@code synced}. {@code more} is true only when the batch is full and
     * the conversation goes on past it.
     */
    protected final void catchUp(ClientSocket socket, ConversationManagement conversations, WorkspaceId workspace,
            ConversationId conversation, long after) {
        List<Message> missed = conversations.messagesAfter(workspace, conversation, after);
        missed.forEach(m -> socket.send(frames.message(m)));
        long last = missed.isEmpty() ? after : missed.getLast().seq();
        boolean more = missed.size() == ConversationManagement.MAX_BATCH
                && last < conversations.find(workspace, conversation).map(Conversation::lastSeq).orElse(last);
        socket.send(frames.synced(conversation.toString(), last, more));
    }

}
