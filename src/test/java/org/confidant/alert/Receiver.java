package org.confidant.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver for tests: the JDK's HTTP server on 127.0.0.1 (allowlisted in the
 * tests' settings), recording every request and answering with the statuses it is told
 * (200 when told nothing; a 302 to {@code redirectTo}).
 */
final class Receiver implements AutoCloseable {

    record Request(Map<String, String> headers, String body, long receivedAtMillis) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();

    private volatile String redirectTo;

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = exchange.getRequestHeaders()
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT),
                            e -> String.join(",", e.getValue()), (a, b) -> a));
                requests.add(new Request(headers, body, System.currentTimeMillis()));
            }
            Integer status = statuses.poll();
            int answer = status == null ? 200 : status;
            if (answer == 302) {
                exchange.getResponseHeaders().add("Location", redirectTo);
            }
            exchange.sendResponseHeaders(answer, -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.flush();
            }
        });
        server.start();
    }

    static Receiver start() {
        try {
            return new Receiver();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL the receiver listens on. */
    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    /** {@code host:port} for {@code confidant.alerts.allowed-targets}. */
    String target() {
        return "127.0.0.1:" + port();
    }

    /** The next answers, in order; 200 afterwards. */
    void answer(Integer... next) {
        statuses.addAll(List.of(next));
    }

    void redirectTo(String location) {
        this.redirectTo = location;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requestsWith(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
