package org.confidant.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.confidant.DashboardSession;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.shared.AuditAction;
import org.confidant.sso.SameSiteBrowser.Hop;
import org.confidant.sso.SsoManagement.ProviderForm;
import org.confidant.tenancy.SystemScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;

/**
 * Single sign-on against a real OpenID Connect provider on loopback (mock-oauth2-server),
 * through a browser's cookie handling ({@link SameSiteBrowser}): the provider lives on
 * {@code 127.0.0.1}, Confidant on {@code localhost}, so the provider's redirect back is
 * cross-site and arrives without the {@code SameSite=Strict} session cookie, as in a real
 * browser. Every attack is refused with no session and no account, identity or membership
 * created.
 */
@ExtendWith(SystemScope.class)
@IntegrationTest(profiles = "sso")
class SingleSignOnIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final String APP_HOST = "localhost";

    private static final String IDP_HOST = "127.0.0.1";

    /**
     * A token endpoint answer forged by the test, given instead of the provider's own for
     * the next code exchange.
     */
    private static final AtomicReference<String> forgedTokenResponse = new AtomicReference<>();

    private static final String FORGED_PREFIX = "forging-";

    private static final RSAKey FORGING_KEY = forgingKey();

    private static final MockOAuth2Server idp = new MockOAuth2Server(new ForgedTokenEndpoint());

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    SsoManagement sso;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PublishedEvents audited;

    @BeforeAll
    static void startProvider() throws Exception {
        idp.start(InetAddress.getByName(IDP_HOST), 0);
    }

    @AfterAll
    static void stopProvider() {
        idp.shutdown();
    }

    /** A workspace, its owner, and its provider at an issuer of its own. */
    record Tenant(Member owner, SsoProvider provider, String issuerId) {
    }

    /**
     * A sign-in stopped where the provider redirects back: what an attacker could tamper
     * with or replay.
     */
    record Started(SameSiteBrowser browser, String callback, Map<String, String> authorization) {
    }

    @Test
    void aFirstSignInJoinsTheWorkspaceWithTheDefaultRoleAndReachesTheDashboard() {
        Tenant tenant = tenant(Role.AGENT);
        String email = "ada-" + shortId() + "@example.com";
        idp.enqueueCallback(identity(tenant, "ada-" + shortId(), email, true));
        SameSiteBrowser browser = new SameSiteBrowser();

        Hop last = browser.navigate(app(tenant.provider().signInPath()), APP_HOST);

        assertThat(last.uri().getPath()).isEqualTo("/app/conversations");
        assertThat(last.status()).isEqualTo(200);
        Hop toProvider = browser.history().getFirst();
        Map<String, String> authorization = query(URI.create(toProvider.location()));
        assertThat(authorization).containsEntry("code_challenge_method", "S256")
            .containsKeys("code_challenge", "state", "nonce");
        Hop callback = browser.history()
            .stream()
            .filter(h -> h.uri().getPath().startsWith("/login/oauth2/code/"))
            .findFirst()
            .orElseThrow();
        assertThat(callback.cookiesSent()).as("only the sign-in cookie comes back cross-site")
            .containsOnlyKeys(AuthorizationRequestCookies.NAME);
        assertThat(browser.cookiesOf(APP_HOST)).as("the sign-in cookie is deleted after use")
            .doesNotContainKey(AuthorizationRequestCookies.NAME);
        Map<String, Object> member = jdbc.sql("""
                select m.workspace_id, m.role from member m join account a on a.id = m.account_id where a.email = ?
                """).param(email).query().singleRow();
        assertThat(member.get("role")).isEqualTo("AGENT");
        assertThat(member.get("workspace_id")).isEqualTo(tenant.owner().workspaceId().value());
        assertThat(
                jdbc.sql("select count(*) from sso_identity i join account a on a.id = i.account_id where a.email = ?")
                    .param(email)
                    .query(Long.class)
                    .single())
            .isEqualTo(1);
        assertThat(audited.all()
            .stream()
            .filter(e -> e.auditRecord().workspaceId().equals(tenant.owner().workspaceId()))
            .map(e -> e.auditRecord().action().storedName()))
            .as("the owner joining (the fixture invites them), then the single sign-on")
            .containsExactly("member.joined", "sso.configured", "member.joined_by_sso", "sign_in.sso_succeeded");
    }

    @Test
    void aSecondSignInOfTheSameIdentityReachesTheSameAccountWithoutCreatingAnything() {
        Tenant tenant = tenant(Role.MANAGER);
        String subject = "grace-" + shortId();
        String email = subject + "@example.com";
        idp.enqueueCallback(identity(tenant, subject, email, true));
        assertThat(new SameSiteBrowser().navigate(app(tenant.provider().signInPath()), APP_HOST).uri().getPath())
            .isEqualTo("/app/conversations");
        long[] before = counts();

        idp.enqueueCallback(identity(tenant, subject, email, true));
        assertThat(new SameSiteBrowser().navigate(app(tenant.provider().signInPath()), APP_HOST).uri().getPath())
            .isEqualTo("/app/conversations");

        assertThat(counts()).isEqualTo(before);
        assertThat(jdbc.sql("select m.role from member m join account a on a.id = m.account_id where a.email = ?")
            .param(email)
            .query(String.class)
            .single()).isEqualTo("MANAGER");
    }

    @Test
    void anHonestTokenFromTheForgingEndpointSignsIn() {
        // the control for the forged tokens below: each is refused for what was changed
        // in it, nothing else
        Tenant tenant = forgingTenant();
        Started started = start(tenant);
        forgedTokenResponse.set(tokenResponse(signed(claims(tenant, started, "honest", true).build())));

        assertThat(started.browser().navigate(started.callback(), IDP_HOST).uri().getPath())
            .isEqualTo("/app/conversations");
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() {
        Tenant tenant = forgingTenant();
        Started started = start(tenant);
        forgedTokenResponse.set(tokenResponse(signed(
                claims(tenant, started, "mallory", true).issuer(idp.issuerUrl(FORGED_PREFIX + "another").toString())
                    .build())));

        assertRefused(started, started.callback(), "/login?sso_failed");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        Tenant tenant = forgingTenant();
        Started started = start(tenant);
        forgedTokenResponse
            .set(tokenResponse(signed(claims(tenant, started, "mallory", true).audience("another-client").build())));

        assertRefused(started, started.callback(), "/login?sso_failed");
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        Tenant tenant = forgingTenant();
        Started started = start(tenant);
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        forgedTokenResponse.set(tokenResponse(
                signed(claims(tenant, started, "mallory", true).issueTime(Date.from(anHourAgo.minusSeconds(600)))
                    .expirationTime(Date.from(anHourAgo))
                    .build())));

        assertRefused(started, started.callback(), "/login?sso_failed");
    }

    @Test
    void anUnsignedIdTokenIsRefused() {
        Tenant tenant = forgingTenant();
        Started started = start(tenant);
        PlainJWT unsigned = new PlainJWT(claims(tenant, started, "mallory", true).build()); // "alg":
                                                                                            // "none"
        forgedTokenResponse.set(tokenResponse(unsigned.serialize()));

        assertRefused(started, started.callback(), "/login?sso_failed");
    }

    @Test
    void anIdTokenSignedWithAnotherKeyIsRefused() {
        Tenant tenant = forgingTenant();
        Started started = start(tenant);
        String foreign = idp
            .anyToken(idp.issuerUrl(tenant.issuerId()), claims(tenant, started, "mallory", true).build().toJSONObject())
            .serialize();
        forgedTokenResponse.set(tokenResponse(foreign));

        assertRefused(started, started.callback(), "/login?sso_failed");
    }

    @Test
    void aCallbackWithAnotherStateIsRefused() {
        Tenant tenant = tenant(Role.AGENT);
        Started started = start(tenant);
        String tampered = started.callback().replaceFirst("state=[^&]+", "state=" + UUID.randomUUID());

        assertRefused(started, tampered, "/login?sso_failed");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        Tenant tenant = forgingTenant();
        Started started = start(tenant);
        JWTClaimsSet claims = claims(tenant, started, "mallory", true).claim("nonce", "another-nonce").build();
        forgedTokenResponse.set(tokenResponse(signed(claims)));

        assertRefused(started, started.callback(), "/login?sso_failed");
    }

    @Test
    void aReplayedCallbackIsRefusedEvenWithTheSignInCookie() {
        Tenant tenant = tenant(Role.AGENT);
        Started started = start(tenant);
        idp.enqueueCallback(identity(tenant, "ada-" + shortId(), "ada-" + shortId() + "@example.com", true));
        String cookie = started.browser().cookiesOf(APP_HOST).get(AuthorizationRequestCookies.NAME).value();
        assertThat(started.browser().navigate(started.callback(), IDP_HOST).uri().getPath())
            .isEqualTo("/app/conversations");

        SameSiteBrowser attacker = new SameSiteBrowser();
        attacker.setCookie(APP_HOST, AuthorizationRequestCookies.NAME, cookie, "lax");
        assertRefused(new Started(attacker, started.callback(), started.authorization()), started.callback(),
                "/login?sso_failed");
    }

    @Test
    void theSameEmailFromASecondProviderGetsNeitherTheFirstAccountNorANewOne() {
        Tenant first = tenant(Role.AGENT);
        String email = "shared-" + shortId() + "@example.com";
        idp.enqueueCallback(identity(first, "first-" + shortId(), email, true));
        assertThat(new SameSiteBrowser().navigate(app(first.provider().signInPath()), APP_HOST).uri().getPath())
            .isEqualTo("/app/conversations");

        Tenant second = tenant(Role.AGENT);
        Started started = start(second);
        idp.enqueueCallback(identity(second, "second-" + shortId(), email, true));

        assertRefused(started, started.callback(), "/login?sso_email_taken");
        assertThat(jdbc.sql("select count(*) from member m join account a on a.id = m.account_id where a.email = ?")
            .param(email)
            .query(Long.class)
            .single()).as("only the first workspace's membership").isEqualTo(1);
    }

    @Test
    void anExistingPasswordAccountIsNeverEnteredByItsEmail() {
        Tenant tenant = tenant(Role.AGENT);
        Member elsewhere = fixtures.workspaceWithOwner();
        Started started = start(tenant);
        idp.enqueueCallback(identity(tenant, "claims-" + shortId(), elsewhere.email(), true));

        assertRefused(started, started.callback(), "/login?sso_email_taken");
    }

    @Test
    void anUnverifiedEmailCreatesNoAccount() {
        Tenant tenant = tenant(Role.AGENT);
        Started started = start(tenant);
        idp.enqueueCallback(
                identity(tenant, "unverified-" + shortId(), "unverified-" + shortId() + "@example.com", false));

        assertRefused(started, started.callback(), "/login?sso_failed");
    }

    @Test
    void aProviderSignsIntoItsOwnWorkspaceOnlyAndUnknownProvidersAreNotFound() {
        Tenant a = tenant(Role.AGENT);
        Tenant b = tenant(Role.AGENT);
        String email = "only-a-" + shortId() + "@example.com";
        idp.enqueueCallback(identity(a, "only-a-" + shortId(), email, true));
        new SameSiteBrowser().navigate(app(a.provider().signInPath()), APP_HOST);

        List<UUID> workspaces = jdbc
            .sql("select m.workspace_id from member m join account a on a.id = m.account_id " + "where a.email = ?")
            .param(email)
            .query(UUID.class)
            .list();
        assertThat(workspaces).containsExactly(a.owner().workspaceId().value())
            .doesNotContain(b.owner().workspaceId().value());
        for (String unknown : List.of("/oauth2/authorization/" + UUID.randomUUID(), "/oauth2/authorization/nope",
                "/oauth2/authorization/" + a.provider().id().toString().toUpperCase())) {
            assertThat(new SameSiteBrowser().fetch(app(unknown), false).status()).as(unknown).isEqualTo(404);
        }
    }

    @Test
    void whenSsoIsRequiredMembersCannotUseTheirPasswordButOwnersCan() {
        Tenant tenant = tenant(Role.AGENT);
        Member agent = fixtures.agent(tenant.owner(), "Agent " + shortId());
        assertThat(DashboardSession.anonymous(port).attemptSignIn(agent.email(), Fixtures.PASSWORD))
            .isEqualTo("/app/conversations");
        DashboardSession agentOnPassword = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        DashboardSession ownerOnPassword = DashboardSession.signIn(port, tenant.owner().email(), Fixtures.PASSWORD);

        sso.requireSso(fixtures.grants(tenant.owner()), true);
        assertThat(agentOnPassword.get("/app/conversations").statusCode())
            .as("a member's session opened with a password ends when SSO becomes required")
            .isEqualTo(302);
        assertThat(ownerOnPassword.get("/app/conversations").statusCode()).as("the owner's stays").isEqualTo(200);
        assertThat(audited.all()).anySatisfy(e -> {
            assertThat(e.auditRecord().action()).isEqualTo(AuditAction.POLICY_SSO_REQUIRED_CHANGED);
            assertThat(e.auditRecord().workspaceId()).isEqualTo(tenant.owner().workspaceId());
            assertThat(e.auditRecord().details()).containsEntry("required", "true");
        });

        assertThat(DashboardSession.anonymous(port).attemptSignIn(agent.email(), Fixtures.PASSWORD))
            .as("the same answer as a wrong password")
            .isEqualTo("/login?error");
        assertThat(DashboardSession.anonymous(port).attemptSignIn(tenant.owner().email(), Fixtures.PASSWORD))
            .as("the owner's break-glass")
            .isEqualTo("/app/conversations");
    }

    // --- the flow, step by step
    // -----------------------------------------------------------------------------

    private Tenant tenant(Role defaultRole) {
        return tenant(defaultRole, "idp-");
    }

    /**
     * A tenant whose issuer publishes the test's own key ({@link #FORGING_KEY}) and
     * answers forged token responses.
     */
    private Tenant forgingTenant() {
        return tenant(Role.AGENT, FORGED_PREFIX);
    }

    private Tenant tenant(Role defaultRole, String prefix) {
        Member owner = fixtures.workspaceWithOwner();
        String issuerId = prefix + shortId();
        SsoProvider provider = sso.configure(fixtures.grants(owner), new ProviderForm(
                idp.issuerUrl(issuerId).toString(), "confidant-" + shortId(), "s3cret-" + shortId(), defaultRole));
        return new Tenant(owner, provider, issuerId);
    }

    /** Starts a sign-in and follows it to the provider, stopping at its redirect back. */
    private Started start(Tenant tenant) {
        SameSiteBrowser browser = new SameSiteBrowser();
        Hop toProvider = browser.fetch(app(tenant.provider().signInPath()), false);
        assertThat(toProvider.status()).isEqualTo(302);
        Hop atProvider = browser.fetch(toProvider.location(), true);
        assertThat(atProvider.status()).isEqualTo(302);
        return new Started(browser, atProvider.location(), query(URI.create(toProvider.location())));
    }

    /**
     * The callback ends on the sign-in page with the message; nothing was created; the
     * browser has no session.
     */
    private void assertRefused(Started started, String callback, String page) {
        long[] before = counts();
        long failuresBefore = audited.of(SsoSignInFailed.class).count();
        Hop last = started.browser().navigate(callback, IDP_HOST);
        assertThat(last.uri().toString()).isEqualTo(app(page));
        assertThat(counts()).as("accounts, memberships, identities").isEqualTo(before);
        assertThat(audited.of(SsoSignInFailed.class).count()).as("the refusal is audited")
            .isEqualTo(failuresBefore + 1);
        Hop dashboard = started.browser().navigate(app("/app/conversations"), APP_HOST);
        assertThat(dashboard.uri().getPath()).as("no session").isEqualTo("/login");
    }

    private long[] counts() {
        return new long[] { jdbc.sql("select count(*) from account").query(Long.class).single(),
                jdbc.sql("select count(*) from member").query(Long.class).single(),
                jdbc.sql("select count(*) from sso_identity").query(Long.class).single() };
    }

    private static DefaultOAuth2TokenCallback identity(Tenant tenant, String subject, String email, boolean verified) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", email);
        claims.put("email_verified", verified);
        claims.put("name", "Person " + subject);
        return new DefaultOAuth2TokenCallback(tenant.issuerId(), subject, "JWT", List.of(tenant.provider().clientId()),
                claims, 3600);
    }

    /** Claims an honest provider would sign for this sign-in (its nonce included). */
    private static JWTClaimsSet.Builder claims(Tenant tenant, Started started, String subject, boolean verified) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(idp.issuerUrl(tenant.issuerId()).toString())
            .subject(subject + "-" + shortId())
            .audience(tenant.provider().clientId())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(3600)))
            .claim("nonce", started.authorization().get("nonce"))
            .claim("email", subject + "-" + shortId() + "@example.com")
            .claim("email_verified", verified);
    }

    /** The claims, signed RS256 with the key the forging tenant's issuer publishes. */
    private static String signed(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(FORGING_KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(FORGING_KEY));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static String tokenResponse(String idToken) {
        return ("{\"access_token\":\"opaque-" + shortId() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"scope\":\"openid email profile\",\"id_token\":\"" + idToken + "\"}");
    }

    /**
     * The forging issuers' endpoints that the provider's own would otherwise answer:
     * their key set is the test's key, and their token endpoint answers with the response
     * the test has forged.
     */
    private static final class ForgedTokenEndpoint implements Route {

        @Override
        public boolean match(OAuth2HttpRequest request) {
            String path = request.getUrl().encodedPath();
            return path.startsWith("/" + FORGED_PREFIX) && (path.endsWith("/jwks") || path.endsWith("/token"));
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String body = request.getUrl().encodedPath().endsWith("/jwks")
                    ? new JWKSet(FORGING_KEY.toPublicJWK()).toString() : forgedTokenResponse.getAndSet(null);
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), body == null ? 500 : 200,
                    body == null ? "{}" : body, null);
        }

    }

    private static RSAKey forgingKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("forging-" + shortId()).generate();
        }
        catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private String app(String path) {
        return "http://" + APP_HOST + ":" + port + path;
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
            .map(p -> p.split("=", 2))
            .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8), (x, y) -> x,
                    LinkedHashMap::new));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

}
