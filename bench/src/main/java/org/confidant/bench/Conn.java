package org.confidant.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import tools.jackson.databind.JsonNode;

/**
 * One client socket: frames are handed to its {@link Handler} with the instant they arrived (System.nanoTime, the
 * harness's one clock); sends are queued so that one socket never has two sends in progress.
 */
class Conn implements WebSocket.Listener {

    /** What a scenario does with the frames of its sockets. Runs on the socket's receive thread: never block. */
    interface Handler {
        void onFrame(Conn conn, JsonNode frame, long nanos);

        /** A look at the raw text first; true when handled (then it is not parsed at all). */
        default boolean onRaw(Conn conn, String text, long nanos) {
            return false;
        }

        default void onClosed(Conn conn) {
        }
    }

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    final Handler handler;
    volatile WebSocket ws;
    volatile boolean open;
    /** Scenario data: the visitor or agent this socket belongs to. */
    volatile Object owner;
    private StringBuilder partial;
    private CompletableFuture<?> sends = DONE;

    Conn(Handler handler) {
        this.handler = handler;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.ws = webSocket;
        this.open = true;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        String text = null;
        if (last && partial == null) {
            text = data.toString();
        } else {
            if (partial == null) {
                partial = new StringBuilder();
            }
            partial.append(data);
            if (last) {
                text = partial.toString();
                partial = null;
            }
        }
        if (text != null) {
            try {
                if (!handler.onRaw(this, text, now)) {
                    handler.onFrame(this, Json.parse(text), now);
                }
            } catch (RuntimeException e) {
                Bench.warn("frame handler failed: " + e + " on " + text);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed();
    }

    private void closed() {
        boolean was = open;
        open = false;
        if (was) {
            handler.onClosed(this);
        }
    }

    /** Queues a text frame; returns when it is written (or failed, when the socket is gone). */
    CompletableFuture<?> send(String frame) {
        WebSocket socket = ws;
        synchronized (this) {
            CompletableFuture<?> next = sends.handle((r, e) -> null)
                    .thenCompose(x -> socket.sendText(frame, true));
            sends = next;
            return next;
        }
    }

    /** Drops the connection without a closing handshake, as a lost network does. */
    void abort() {
        open = false;
        WebSocket socket = ws;
        if (socket != null) {
            socket.abort();
        }
    }

    /** A normal close (1000). */
    void close() {
        WebSocket socket = ws;
        if (socket != null && open) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
    }
}
