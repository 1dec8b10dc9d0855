package org.confidant.realtime;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One open socket: thread-safe sending with a bounded buffer (a client too slow to keep up is disconnected and
 * catches up on reconnect), and reassembly of frames that arrive in parts, up to {@link #MAX_FRAME_CHARS}.
 */
final class ClientSocket {

    /** The largest text frame accepted (characters). Larger frames are discarded and answered with an error. */
    static final int MAX_FRAME_CHARS = 64 * 1024;
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER_LIMIT_BYTES = 512 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ClientSocket.class);

    private final WebSocketSession session;
    private final StringBuilder partial = new StringBuilder();
    private boolean oversize;

    ClientSocket(WebSocketSession session) {
        this.session = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    }

    String id() {
        return session.getId();
    }

    /** Sends a frame; if the socket is gone or hopelessly behind, closes it instead. */
    void send(String frame) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(new TextMessage(frame));
        } catch (IOException | RuntimeException e) {
            log.debug("closing socket {} after a failed send: {}", session.getId(), e.toString());
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException ignored) {
            // already closed
        }
    }

    /**
     * Adds a part of a frame. Returns the whole frame when {@code last}, {@link Assembled#tooLarge()} if the frame
     * went over the limit, or null while more parts are expected.
     */
    Assembled append(String part, boolean last) {
        if (!oversize) {
            if (partial.length() + part.length() > MAX_FRAME_CHARS) {
                oversize = true;
                partial.setLength(0);
                partial.trimToSize();
            } else {
                partial.append(part);
            }
        }
        if (!last) {
            return null;
        }
        Assembled result = oversize ? Assembled.TOO_LARGE : new Assembled(partial.toString());
        partial.setLength(0);
        if (partial.capacity() > 4096) {
            partial.trimToSize();
        }
        oversize = false;
        return result;
    }

    /** A complete frame, or the marker for one that was too large. */
    record Assembled(String text) {

        static final Assembled TOO_LARGE = new Assembled(null);

        boolean tooLarge() {
            return text == null;
        }
    }
}
