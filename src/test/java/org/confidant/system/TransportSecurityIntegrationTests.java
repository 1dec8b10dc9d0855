package org.confidant.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.confidant.EmbeddedApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContextException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Encryption in transit, attacked from outside: old protocols and weak suites are offered
 * and must be refused, HSTS must be on every HTTPS answer, sockets run over TLS, the
 * plain port only redirects, certificates reload, plain HTTP beyond loopback refuses to
 * start, and forwarded headers count only from a trusted proxy. The test JVM lifts the
 * JDK's own restrictions (see test-java.security), so every refusal here is the server's.
 */
class TransportSecurityIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void tlsOneThreeAndOneTwoWithForwardSecretAeadSuitesOnlyAndHstsEverywhere() throws Exception {
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir, "--confidant.tls.enabled=true")) {
            int port = EmbeddedApplication.port(app);
            Path tls = dataDir.resolve("tls");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("private-key.pem"))))
                .isEqualTo("rw-------");

            assertThat(handshake(port, "TLSv1.3", null)).isEqualTo("TLSv1.3");
            assertThat(handshake(port, "TLSv1.2", null)).isEqualTo("TLSv1.2");
            for (String old : List.of("TLSv1", "TLSv1.1", "SSLv3")) {
                assertThatThrownBy(() -> handshake(port, old, null)).as(old).isInstanceOf(SSLException.class);
            }

            List<String> accepted = new ArrayList<>();
            String[] offered = trustAll().getSocketFactory().getSupportedCipherSuites();
            for (String suite : offered) {
                for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
                    try {
                        handshake(port, protocol, suite);
                        accepted.add(protocol + " " + suite);
                    }
                    catch (SSLException | IllegalArgumentException refused) {
                        // refused, or not a suite of this protocol
                    }
                }
            }
            System.out.printf("tls.suites offered=%d accepted=%d %s%n", offered.length, accepted.size(), accepted);
            assertThat(accepted).isNotEmpty().allSatisfy(entry -> {
                String suite = entry.substring(entry.indexOf(' ') + 1);
                assertThat(suite).matches("TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256"
                        + "|ECDHE_(ECDSA|RSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256))");
            });
            assertThat(accepted).contains("TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

            HttpClient https = HttpClient.newBuilder().sslContext(trustAll()).build();
            for (String path : List.of("/login", "/app/conversations", "/widget/frame?inbox=x", "/actuator/health",
                    "/widget/loader.js")) {
                HttpResponse<String> response = https.send(
                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                String hsts = response.headers().firstValue("Strict-Transport-Security").orElse("");
                assertThat(hsts).as(path).matches("max-age=(\\d+).*");
                assertThat(Long.parseLong(hsts.replaceAll("max-age=(\\d+).*", "$1"))).as(path)
                    .isGreaterThanOrEqualTo(31_536_000L);
            }
            assertHostOnlySecureSessionCookie(
                    https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login")).build(),
                            HttpResponse.BodyHandlers.ofString()));

            CompletableFuture<String> welcome = new CompletableFuture<>();
            WebSocket socket = https.newWebSocketBuilder()
                .header("Origin", "https://127.0.0.1:" + port)
                .buildAsync(URI.create("wss://127.0.0.1:" + port + "/ws/visitor"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        welcome.complete(data.toString());
                        return null;
                    }
                })
                .join();
            socket.sendText("{\"type\":\"ping\"}", true).join();
            assertThat(welcome.get(10, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"pong\"}");
            socket.abort();
        }
    }

    @Test
    void thePlainPortOnlyRedirectsToHttps() throws Exception {
        int plain = freePort();
        int port = freePort();
        ConfigurableApplicationContext started;
        try {
            started = start(port, plain);
        }
        catch (ApplicationContextException portTakenMeanwhile) { // by another test's
                                                                 // socket, between the
                                                                 // two
            plain = freePort();
            port = freePort();
            started = start(port, plain);
        }
        try (ConfigurableApplicationContext app = started) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isBetween(301, 308);
            assertThat(response.headers().firstValue("Location")).hasValue("https://127.0.0.1:" + port + "/login");
            assertThat(response.body()).doesNotContain("Sign in");
        }
    }

    private ConfigurableApplicationContext start(int port, int plain) {
        return EmbeddedApplication.start(dataDir, "--confidant.tls.enabled=true", "--server.port=" + port,
                "--confidant.tls.redirect-port=" + plain);
    }

    @Test
    void replacedCertificateFilesAreServedWithoutARestart() throws Exception {
        Path first = dataDir.resolve("first");
        Path second = dataDir.resolve("second");
        Path live = Files.createDirectories(dataDir.resolve("live"));
        SelfSignedCertificate.ensure(first, List.of());
        SelfSignedCertificate.ensure(second, List.of());
        for (String file : List.of("certificate.pem", "private-key.pem")) {
            Files.copy(first.resolve(file), live.resolve(file));
        }
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir, "--confidant.tls.enabled=true",
                "--confidant.tls.certificate=" + live.resolve("certificate.pem"),
                "--confidant.tls.private-key=" + live.resolve("private-key.pem"),
                "--spring.ssl.bundle.watch.file.quiet-period=200ms")) {
            int port = EmbeddedApplication.port(app);
            String before = serverCertificate(port);
            for (String file : List.of("private-key.pem", "certificate.pem")) {
                Files.copy(second.resolve(file), live.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            String after = before;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (after.equals(before) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                after = serverCertificate(port);
            }
            assertThat(after).isNotEqualTo(before);
        }
    }

    @Test
    void plainHttpBeyondLoopbackRefusesToStartAndSaysWhatToSet() {
        assertThatThrownBy(() -> EmbeddedApplication.start(dataDir, "--server.address=0.0.0.0").close())
            .hasMessageContaining("refuses to serve plain HTTP")
            .hasMessageContaining("confidant.tls.enabled")
            .hasMessageContaining("confidant.trusted-proxies");
        assertThat(dataDir.resolve("confidant.mv.db")).doesNotExist();
    }

    @Test
    void forwardedHeadersCountOnlyFromTheTrustedProxy() throws Exception {
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir,
                "--confidant.trusted-proxies=127.0.0.1")) {
            int port = EmbeddedApplication.port(app);
            HttpRequest forwarded = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "203.0.113.9")
                .build();

            HttpResponse<String> viaProxy = HttpClient.newHttpClient()
                .send(forwarded, HttpResponse.BodyHandlers.ofString());
            assertThat(viaProxy.headers().firstValue("Strict-Transport-Security")).as("proxy says https").isPresent();
            assertHostOnlySecureSessionCookie(viaProxy);

            HttpClient stranger = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
            HttpResponse<String> direct = stranger.send(forwarded, HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).isEqualTo(200);
            assertThat(direct.headers().firstValue("Strict-Transport-Security")).as("an untrusted peer's header")
                .isEmpty();
        }
    }

    @Test
    void localTrialModeKeepsAPlainSessionCookieThatHttpCanCarry() throws Exception {
        try (ConfigurableApplicationContext app = EmbeddedApplication.start(dataDir)) {
            HttpResponse<String> login = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + EmbeddedApplication.port(app) + "/login"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("confidant_session=")
                .contains("HttpOnly", "SameSite=Strict")
                .doesNotContain("Secure");
        }
    }

    /**
     * {@code __Host-}: Secure, Path=/ and no Domain, or the browser refuses it; HttpOnly
     * and SameSite=Strict too.
     */
    private static void assertHostOnlySecureSessionCookie(HttpResponse<String> response) {
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("__Host-confidant_session=")
            .contains("; Path=/", "; Secure", "; HttpOnly", "SameSite=Strict")
            .doesNotContainIgnoringCase("domain=");
    }

    private static String handshake(int port, String protocol, String suite) throws IOException {
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            socket.setEnabledProtocols(new String[] { protocol });
            if (suite != null) {
                socket.setEnabledCipherSuites(new String[] { suite });
            }
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static String serverCertificate(int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16);
        }
    }

    /**
     * The server's certificate is self-signed; what is tested here is the protocol, not
     * the chain.
     */
    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            } }, new SecureRandom());
            return context;
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
