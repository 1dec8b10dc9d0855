package org.confidant.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.confidant.IntegrationTest;

/**
 * Malformed requests leave the log readable (issue 14): a bad request line, header,
 * percent-encoding, URL the firewall refuses, body or protocol is answered with a 4xx (or
 * the connection closed), and what the server logs about it, at INFO and above, is at
 * most one line with the reason: no stack trace.
 */
@IntegrationTest
class MalformedRequestLogIntegrationTests {

    @LocalServerPort
    int port;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    private Level rootLevel;

    @Autowired
    OneLineClientErrors oneLine;

    @BeforeEach
    void listen() {
        // Spring Boot resets Logback whenever another test context starts in this JVM:
        // put the filter back, as the
        // application's own start does
        oneLine.install();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO); // the tests' own logging shows warnings only; a server
                                   // logs INFO
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(log);
        root.setLevel(rootLevel);
    }

    @Test
    void malformedRequestsAreRefusedWithAtMostOneLogLineEachAndNoStackTrace() throws IOException {
        Map<String, String> requests = new LinkedHashMap<>();
        String host = "Host: localhost:" + port + "\r\n";
        requests.put("a control character in the method", "G\u0001T / HTTP/1.1\r\n" + host + "\r\n");
        requests.put("a bad character in the target", "GET /app/a|b{c} HTTP/1.1\r\n" + host + "\r\n");
        requests.put("a bad header", "GET / HTTP/1.1\r\n" + host + "Bad Header\u0001: x\r\n\r\n");
        requests.put("a header line without a colon", "GET / HTTP/1.1\r\n" + host + "no colon here\r\n\r\n");
        requests.put("bad percent-encoding", "GET /app/%zz%c0%af HTTP/1.1\r\n" + host + "\r\n");
        requests.put("an encoded path traversal", "GET /app/..%2f..%2fetc%2fpasswd HTTP/1.1\r\n" + host + "\r\n");
        requests.put("a path parameter traversal", "GET /app/..;/conversations HTTP/1.1\r\n" + host + "\r\n");
        requests.put("a double slash", "GET //app//conversations HTTP/1.1\r\n" + host + "\r\n");
        requests.put("an unknown protocol version", "GET / HTTP/7.3\r\n" + host + "\r\n");
        requests.put("a TLS hello on the plain port",
                "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003");
        requests.put("an oversize header", "GET / HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        requests.put("a bad Content-Length", "POST /login HTTP/1.1\r\n" + host + "Content-Length: -5\r\n\r\n");
        requests.put("two Content-Lengths",
                "POST /login HTTP/1.1\r\n" + host + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
        requests.put("a bad chunk",
                "POST /login HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        requests.put("a bad content type", "POST /api/v1/conversations/x/messages HTTP/1.1\r\n" + host
                + "Authorization: Bearer cfd_x\r\nContent-Type: ;;;=\r\nContent-Length: 2\r\n\r\n{}");
        requests.put("JSON that is not JSON", "POST /login HTTP/1.1\r\n" + host
                + "Content-Type: application/json\r\nContent-Length: 5\r\n\r\n{\"a\":");
        requests.put("a broken multipart body", "POST /login HTTP/1.1\r\n" + host
                + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 10\r\n\r\n--abc\r\nxx");
        requests.put("a bad cookie", "GET /login HTTP/1.1\r\n" + host + "Cookie: =;;\u0001a=\"b\r\n\r\n");
        requests.put("a websocket upgrade with a bad key",
                "GET /ws/visitor HTTP/1.1\r\n" + host
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 99\r\n"
                        + "Sec-WebSocket-Key: !!\r\nOrigin: http://localhost:" + port + "\r\n\r\n");

        List<String> fiveHundreds = new ArrayList<>();
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String status = send(request.getValue());
            // 505 is HTTP's own answer to an unknown protocol version (RFC 9110), not a
            // server failure
            if (status.startsWith("HTTP/1.1 5") && !status.startsWith("HTTP/1.1 505")) {
                fiveHundreds.add(request.getKey() + ": " + status);
            }
        }

        List<String> traced = log.list.stream()
            .filter(e -> e.getThrowableProxy() != null)
            .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
            .toList();
        List<String> multiLine = log.list.stream()
            .filter(e -> e.getFormattedMessage().contains("\n"))
            .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
            .toList();
        assertThat(traced).as("log events with a stack trace").isEmpty();
        assertThat(multiLine).as("log events of more than one line").isEmpty();
        assertThat(fiveHundreds).as("malformed requests answered 5xx").isEmpty();
    }

    /**
     * Sends raw bytes (ISO-8859-1, so that each char is one byte) and returns the status
     * line, or "" if closed.
     */
    private String send(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                answer.write(b);
            }
            return answer.toString(StandardCharsets.ISO_8859_1).strip();
        }
        catch (IOException e) {
            return "";
        }
    }

}
