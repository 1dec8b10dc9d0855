package org.confidant.realtime;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One open socket: thread-safe sending with a bounded buffer (a client too slow to keep
 * up is disconnected and catches up on reconnect), and reassembly of frames that arrive
 * in parts, up to {@link #MAX_FRAME_CHARS}.
 */
final class ClientSocket {

    /**
     * The largest text frame accepted (characters). Larger frames are discarded and
     * answered with an error.
     */
    static final int MAX_FRAME_CHARS = 64 * 1024;

    private static final int SEND_TIME_LIMIT_MS = 10_000;

    private static final int SEND_BUFFER_LIMIT_BYTES = 512 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ClientSocket.class);

    /**
     * How long a last frame may wait behind another thread's sends before the socket
     * closes all the same.
     */
    private static final Duration LAST_FRAME_WAIT = Duration.ofSeconds(2);

    private final ConcurrentWebSocketSessionDecorator session;

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
        }
        catch (IOException | RuntimeException e) {
            log.debug("closing socket {} after a failed send: {}", session.getId(), e.toString());
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    /**
     * Sends a last frame, then closes. While another thread is sending on this socket, a
     * frame waits in the buffer for that thread to flush it, which it stops doing once
     * the socket is closing: so the close waits, a little at most, for the buffer to
     * empty.
     */
    void sendThenClose(String frame, CloseStatus status) {
        send(frame);
        long deadline = System.nanoTime() + LAST_FRAME_WAIT.toNanos();
        while (session.isOpen() && session.getBufferSize() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        close(status);
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        }
        catch (IOException | RuntimeException ignored) {
            // already closed
        }
    }

    /**
     * Adds a part of a frame. Returns the whole frame when {@code last},
     * {@link Assembled#tooLarge()} if the frame went over the limit, or null while more
     * parts are expected.
     */
    @Nullable Assembled append(String part, boolean last) {
        if (!oversize) {
            if (partial.length() + part.length() > MAX_FRAME_CHARS) {
                oversize = true;
                partial.setLength(0);
                partial.trimToSize();
            }
            else {
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
