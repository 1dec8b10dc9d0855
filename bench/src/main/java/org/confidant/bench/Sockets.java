package org.confidant.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator's sockets: the JDK's non-blocking WebSocket client, one {@link HttpClient} (one selector thread)
 * per loopback source address 127.0.0.2, 127.0.0.3, ... so that the ephemeral port range limits nothing, and one
 * shared virtual-thread executor for the frame callbacks.
 */
final class Sockets implements AutoCloseable {

    private final List<HttpClient> clients = new ArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger next = new AtomicInteger();
    /** Every socket opened since the last {@link #dropAll()}. */
    private final Set<Conn> opened = ConcurrentHashMap.newKeySet();
    private final String wsBase;
    private final String origin;

    Sockets(int port, int sources) {
        this.wsBase = "ws://127.0.0.1:" + port;
        this.origin = "http://127.0.0.1:" + port;
        for (int i = 0; i < sources; i++) {
            try {
                clients.add(HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0." + (2 + i)))
                        .executor(executor).connectTimeout(Duration.ofSeconds(15)).build());
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Opens a socket to {@code path} (same-origin handshake, as the widget's iframe and the dashboard make). */
    CompletableFuture<Conn> open(String path, String cookie, Conn conn) {
        opened.add(conn);
        HttpClient client = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
        WebSocket.Builder builder = client.newWebSocketBuilder().header("Origin", origin)
                .connectTimeout(Duration.ofSeconds(15));
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        return builder.buildAsync(URI.create(wsBase + path), conn).thenApply(ws -> {
            conn.ws = ws;
            return conn;
        });
    }

    /**
     * Drops every socket a scenario left open (one that failed half-way included), so that the next scenario starts
     * with a server that holds none of them. Returns how many were still open.
     */
    int dropAll() {
        int dropped = 0;
        for (Conn conn : opened) {
            if (conn.open) {
                dropped++;
            }
            conn.abort();
        }
        opened.clear();
        return dropped;
    }

    @Override
    public void close() {
        for (HttpClient client : clients) {
            client.shutdownNow();
        }
        executor.shutdownNow();
    }
}
