package org.confidant.realtime;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A protocol client for tests: sends frames, and collects every frame the server sends in
 * arrival order.
 */
public final class TestSocket implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

    /**
     * An agent socket's {@code status} frames (colleagues' presence, sent whenever any
     * dashboard of the workspace opens or closes) wait here, apart from the frames the
     * other tests count, and are read by {@code next("status")}; a visitor socket keeps
     * every frame in one queue, so a status frame reaching it shows.
     */
    private final BlockingQueue<JsonNode> statuses = new LinkedBlockingQueue<>();

    private final boolean agent;

    private final WebSocket socket;

    private volatile boolean closed;

    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private TestSocket(URI uri, String cookie, String origin) {
        this(HttpClient.newHttpClient(), uri, cookie, origin, Map.of());
    }

    private TestSocket(HttpClient http, URI uri, String cookie, String origin, Map<String, String> headers) {
        this.agent = uri.getPath().equals("/ws/agent");
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /**
     * A visitor socket connecting from another loopback address ({@code 127.0.0.x}), its
     * handshake carrying extra headers (such as a forged {@code X-Forwarded-For}).
     */
    public static TestSocket visitorFrom(int port, String loopbackAddress, Map<String, String> headers) {
        HttpClient http;
        try {
            http = HttpClient.newBuilder().localAddress(InetAddress.getByName(loopbackAddress)).build();
        }
        catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        return new TestSocket(http, URI.create("ws://127.0.0.1:" + port + "/ws/visitor"), null,
                "http://127.0.0.1:" + port, headers);
    }

    /**
     * A visitor socket on the server at {@code port} (same-origin handshake, as the
     * widget's iframe makes).
     */
    public static TestSocket visitor(int port) {
        return new TestSocket(URI.create("ws://127.0.0.1:" + port + "/ws/visitor"), null, "http://127.0.0.1:" + port);
    }

    /**
     * An agent socket, authenticated by the dashboard session cookie
     * ({@code name=value}).
     */
    public static TestSocket agent(int port, String sessionCookie) {
        return new TestSocket(URI.create("ws://127.0.0.1:" + port + "/ws/agent"), sessionCookie,
                "http://127.0.0.1:" + port);
    }

    /**
     * A visitor socket whose handshake claims the given {@code Origin} (for testing the
     * same-origin check).
     */
    public static TestSocket visitor(int port, String origin) {
        return new TestSocket(URI.create("ws://127.0.0.1:" + port + "/ws/visitor"), null, origin);
    }

    /**
     * An agent socket whose handshake claims the given {@code Origin} (for testing the
     * same-origin check).
     */
    public static TestSocket agent(int port, String sessionCookie, String origin) {
        return new TestSocket(URI.create("ws://127.0.0.1:" + port + "/ws/agent"), sessionCookie, origin);
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Sends one binary frame (the protocol has none: the server must refuse it). */
    public void sendBinary(byte[] frame) {
        socket.sendBinary(ByteBuffer.wrap(frame), true).join();
    }

    public void send(Object frame) {
        send(JSON.writeValueAsString(frame));
    }

    /** The next frame, waiting up to 10 s; fails if none arrives. */
    public JsonNode next() {
        try {
            JsonNode frame = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return frame;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame of the given type; frames of other types before it are skipped. */
    public JsonNode next(String type) {
        if (agent && "status".equals(type)) {
            return nextStatus();
        }
        while (true) {
            JsonNode frame = next();
            if (type.equals(frame.path("type").asString())) {
                return frame;
            }
        }
    }

    private JsonNode nextStatus() {
        try {
            JsonNode frame = statuses.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no status frame within " + WAIT);
            }
            return frame;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The status frames an agent socket received so far, taken. */
    public List<JsonNode> takeStatuses() {
        List<JsonNode> frames = new ArrayList<>();
        statuses.drainTo(frames);
        return frames;
    }

    /** Every frame that arrives within the given time. */
    public List<JsonNode> drain(Duration within) throws InterruptedException {
        List<JsonNode> frames = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode frame;
        while ((frame = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            frames.add(frame);
        }
        return frames;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * The status code of the server's close frame, waiting up to {@code within} for it.
     */
    public int awaitCloseCode(Duration within) throws Exception {
        return closeCode.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the connection without a closing handshake, as a lost network does. */
    public void drop() {
        socket.abort();
        closed = true;
    }

    @Override
    public void close() {
        if (!closed) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            closed = true;
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame = JSON.readTree(partial.toString());
                (agent && "status".equals(frame.path("type").asString()) ? statuses : received).add(frame);
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }

    }

}
