package org.confidant.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.shared.Rejected;
import org.confidant.sso.SameSiteBrowser.Hop;
import org.confidant.sso.SsoManagement.ProviderForm;
import org.confidant.tenancy.SystemScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14's second defect, attacked: the single sign-on client fetched whatever its
 * issuer URL, and the URLs of the issuer's discovery document, named, loopback and
 * private networks included. A loopback "sink" counts every connection made to it; the
 * only provider the operator allowlisted is the test's honest one ({@code
 * 127.0.0.1:<its port>}). Issuers at loopback, private, link-local, CGNAT and
 * unique-local addresses, in several spellings, are refused when saved; a discovery
 * document naming a loopback key set or token endpoint is refused when saved, and when it
 * turns so after saving, the sign-in fails: the sink sees no connection at all.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest
class SsoOutboundIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Discovery documents served instead of the provider's own, by issuer id: each URL
     * the test replaced.
     */
    private static final Map<String, Map<String, String>> REPLACED = new ConcurrentHashMap<>();

    private static final MockOAuth2Server idp = new MockOAuth2Server(new ReplacedDiscovery());

    private static final Sink sink = new Sink();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    SsoManagement sso;

    @Autowired
    SsoClientRegistrations registrations;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void allowOnlyTheHonestProvider(DynamicPropertyRegistry properties) throws IOException {
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        properties.add("confidant.sso.allow-loopback-http-issuers", () -> "true");
        URI issuer = URI.create(idp.issuerUrl("any").toString());
        properties.add("confidant.sso.allowed-private-hosts", () -> issuer.getHost() + ":" + issuer.getPort());
        // the egress gate lets the name through, so that the SSRF guard is what refuses
        // it once resolved
        properties.add("confidant.egress.allowed-hosts", () -> "localhost");
    }

    @AfterAll
    static void stop() throws IOException {
        idp.shutdown();
        sink.close();
    }

    @BeforeEach
    void noConnectionYet() {
        assertThat(sink.accepted()).as("connections to the sink before this test").isZero();
    }

    @Test
    void issuersOnThisMachineAndItsNetworksAreRefusedInEverySpellingAndNothingConnects() {
        int p = sink.port();
        List<String> issuers = List.of(
                // loopback, where the sink listens
                "https://127.0.0.1:" + p, "http://127.0.0.1:" + p, "https://localhost:" + p, "http://localhost:" + p,
                "https://2130706433:" + p, "https://0x7f000001:" + p, "https://0177.0.0.1:" + p,
                "https://0x7f.0.0.1:" + p, "https://127.1:" + p, "https://127.0.0.1.:" + p, "https://[::1]:" + p,
                "https://[0:0:0:0:0:0:0:1]:" + p, "https://[::ffff:127.0.0.1]:" + p, "https://[::ffff:7f00:1]:" + p,
                "https://[64:ff9b::7f00:1]:" + p, "https://[2002:7f00:1::]:" + p, "https://0.0.0.0:" + p,
                "https://0:" + p,
                // private, shared and link-local (cloud metadata)
                "https://10.0.0.1", "https://012.0.0.1", "https://172.16.0.1", "https://172.31.255.254",
                "https://192.168.1.1", "https://3232235777", "https://100.64.0.1", "https://169.254.169.254",
                "https://0xa9fea9fe", "https://[::ffff:169.254.169.254]", "https://[fe80::1]",
                // unique-local and site-local IPv6
                "https://[fd00::1]", "https://[fc00::abcd]", "https://[fdff:ffff::1]", "https://[fec0::1]",
                // the allowlisted provider's host on another port is not allowlisted
                "http://127.0.0.1:" + p + "/realm");
        List<String> accepted = new ArrayList<>();
        for (String issuer : issuers) {
            Member owner = fixtures.workspaceWithOwner();
            Rejected refused = catchThrowableOfType(Rejected.class,
                    () -> sso.configure(fixtures.grants(owner), form(issuer)));
            if (refused == null) {
                accepted.add(issuer);
            }
            else {
                assertThat(refused.code()).as("refusal of %s", issuer)
                    .isIn("refused_url", "bad_issuer", "issuer_unreachable");
            }
            assertThat(jdbc.sql("select count(*) from sso_provider where workspace_id = ?")
                .param(owner.workspaceId().value())
                .query(Long.class)
                .single()).as("stored for %s", issuer).isZero();
        }
        assertThat(accepted).as("issuers saved").isEmpty();
        assertThat(sink.accepted()).as("connections made to the loopback sink").isZero();
    }

    @Test
    void aDiscoveryDocumentNamingALoopbackKeySetOrTokenEndpointIsRefusedAtSaveAndNothingConnects() {
        int p = sink.port();
        List<Map<String, String>> documents = List.of(Map.of("jwks_uri", "http://127.0.0.1:" + p + "/jwks"),
                Map.of("jwks_uri", "https://127.0.0.1:" + p + "/jwks"),
                Map.of("jwks_uri", "https://localhost:" + p + "/jwks"),
                Map.of("jwks_uri", "https://[::1]:" + p + "/jwks"),
                Map.of("jwks_uri", "https://2130706433:" + p + "/jwks"),
                Map.of("jwks_uri", "https://169.254.169.254/latest/meta-data/"),
                Map.of("jwks_uri", "https://[fd00::1]/jwks"),
                Map.of("token_endpoint", "http://127.0.0.1:" + p + "/token"),
                Map.of("token_endpoint", "https://localhost:" + p + "/token"),
                Map.of("token_endpoint", "https://10.1.2.3/token"));
        for (Map<String, String> replaced : documents) {
            Member owner = fixtures.workspaceWithOwner();
            String issuerId = "replaced-" + shortId();
            REPLACED.put(issuerId, replaced);
            Rejected refused = catchThrowableOfType(Rejected.class,
                    () -> sso.configure(fixtures.grants(owner), form(idp.issuerUrl(issuerId).toString())));
            assertThat(refused).as("saving an issuer whose document names %s", replaced).isNotNull();
            assertThat(refused.code()).isIn("refused_url", "issuer_unreachable");
            assertThat(jdbc.sql("select count(*) from sso_provider where workspace_id = ?")
                .param(owner.workspaceId().value())
                .query(Long.class)
                .single()).isZero();
        }
        assertThat(sink.accepted()).as("connections made to the loopback sink").isZero();
    }

    @Test
    void aDocumentThatTurnsToLoopbackAfterSavingEndsTheSignInAndNothingConnects() {
        int p = sink.port();
        // a control first: the honest provider signs in, so the refusals below are the
        // guard's doing
        Member owner = fixtures.workspaceWithOwner();
        String honestId = "honest-" + shortId();
        SsoProvider honest = sso.configure(fixtures.grants(owner), form(idp.issuerUrl(honestId).toString()));
        idp.enqueueCallback(identity(honestId, honest.clientId()));
        assertThat(new SameSiteBrowser().navigate(app(honest.signInPath()), "localhost").uri().getPath())
            .isEqualTo("/app/conversations");

        for (Map<String, String> turned : List.of(
                // a name that resolves to loopback passes the static check: the client's
                // guarded DNS refuses it
                // when the ID token's keys are fetched, after the code exchange
                Map.of("jwks_uri", "https://localhost:" + p + "/jwks"),
                // literal loopback addresses are refused before the sign-in leaves for
                // the provider
                Map.of("jwks_uri", "http://127.0.0.1:" + p + "/jwks"),
                Map.of("token_endpoint", "https://[::1]:" + p + "/token"),
                Map.of("token_endpoint", "http://0x7f.1:" + p + "/token"))) {
            Member another = fixtures.workspaceWithOwner();
            String issuerId = "turning-" + shortId();
            SsoProvider provider = sso.configure(fixtures.grants(another), form(idp.issuerUrl(issuerId).toString()));
            REPLACED.put(issuerId, turned);
            registrations.forget(provider.id());
            idp.enqueueCallback(identity(issuerId, provider.clientId()));

            Hop last = new SameSiteBrowser().navigate(app(provider.signInPath()), "localhost");

            assertThat(last.uri().toString()).as("sign-in after the document named %s", turned)
                .isEqualTo(app("/login?sso_failed"));
            assertThat(sink.accepted()).as("connections made to the loopback sink").isZero();
        }
    }

    private static ProviderForm form(String issuer) {
        return new ProviderForm(issuer, "confidant-" + shortId(), "s3cret-" + shortId(), Role.AGENT);
    }

    private static DefaultOAuth2TokenCallback identity(String issuerId, String clientId) {
        String subject = "person-" + shortId();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", subject + "@example.com");
        claims.put("email_verified", true);
        return new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(clientId), claims, 3600);
    }

    private String app(String path) {
        return "http://localhost:" + port + path;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Serves, for the issuers the test replaced URLs of, a discovery document naming
     * those URLs instead.
     */
    private static final class ReplacedDiscovery implements Route {

        @Override
        public boolean match(OAuth2HttpRequest request) {
            String path = request.getUrl().encodedPath();
            return path.endsWith("/.well-known/openid-configuration") && REPLACED.containsKey(issuerIdOf(path));
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String issuerId = issuerIdOf(request.getUrl().encodedPath());
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("issuer", idp.issuerUrl(issuerId).toString());
            document.put("authorization_endpoint", idp.authorizationEndpointUrl(issuerId).toString());
            document.put("token_endpoint", idp.tokenEndpointUrl(issuerId).toString());
            document.put("jwks_uri", idp.jwksUrl(issuerId).toString());
            document.put("response_types_supported", List.of("code"));
            document.put("subject_types_supported", List.of("public"));
            document.put("id_token_signing_alg_values_supported", List.of("RS256"));
            document.putAll(REPLACED.get(issuerId));
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200,
                    JSON.writeValueAsString(document), null);
        }

        private static String issuerIdOf(String path) {
            String[] segments = path.split("/");
            return segments.length > 1 ? segments[1] : "";
        }

    }

    /** A loopback listener that accepts and counts connections, and answers none. */
    private static final class Sink implements AutoCloseable {

        private final ServerSocket server;

        private final AtomicInteger accepted = new AtomicInteger();

        Sink() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofVirtual().name("sso-sink").start(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        accepted.incrementAndGet();
                    }
                    catch (IOException e) {
                        // closed
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }

    }

}
