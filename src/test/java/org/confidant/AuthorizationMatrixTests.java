package org.confidant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.confidant.access.AccessManagement;
import org.confidant.access.MatrixWorld;
import org.confidant.access.MatrixWorld.Caller;
import org.confidant.access.Permission;
import org.confidant.api.ApiTestClient;
import org.confidant.identity.Member;
import org.confidant.inbox.IdentityTokenTestSamples;
import org.confidant.inbox.VisitorIdentityTokens;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * The authorization matrix: every HTTP route the application registers × every kind of
 * caller × an object of the caller's workspace and one of another workspace, checked
 * against the policy table below. A route the table does not know fails the test, and so
 * does a row for a route that no longer exists. A <b>leak</b> is a caller getting what
 * the policy denies them, a 403 where the policy says 404 (that tells an object exists),
 * or a conversation list that names a conversation the caller may not read. The dashboard
 * socket's frames are covered by {@code
 * AccessOnSocketsIntegrationTests} and {@code AgentSocketIntegrationTests}.
 */
@IntegrationTest(profiles = "sso")
class AuthorizationMatrixTests {

    @Autowired
    Fixtures fixtures;

    /**
     * What a route acts on, which decides what its path variable is and what "foreign"
     * means.
     */
    enum Target {

        NONE, CONVERSATION, INBOX, MEMBER, WORKSPACE, API_TOKEN, ATTACHMENT, ALERT_CHANNEL, REDACTION_RULE, JOB,
        CONTACT, ERASURE, EXPORT, INVITATION, SAVED_REPLY, LABEL, PUBLIC

    }

    /** What a caller gets. */
    enum Outcome {

        OK, NOT_FOUND, FORBIDDEN, SIGN_IN, OTHER

    }

    /** A row of the policy: who may use the route on an object of their own workspace. */
    record Rule(Target target, Set<Caller> allowed, Map<String, String> form) {
    }

    private static final Set<Caller> MEMBERS = MatrixWorld.MEMBERS;

    private static final Set<Caller> READERS_OF_A = MatrixWorld.READERS_OF_A;

    private static final Set<Caller> ASSIGNERS_OF_A = EnumSet.of(Caller.OWNER, Caller.ADMIN, Caller.MANAGER);

    private static final Set<Caller> ADMINS = EnumSet.of(Caller.OWNER, Caller.ADMIN);

    /**
     * A form value that stands for the route's object (its id goes in the form, not the
     * path).
     */
    private static final String OBJECT = "{the route's object}";

    /** The form key whose value is an API call's JSON body. */
    private static final String JSON = "{json}";

    /**
     * A form value that stands for a new identity-verification key of the route's inbox.
     */
    private static final String IDENTITY_KEY = "{identity key of the inbox}";

    /**
     * A form value that stands for a label of the route's workspace (of the foreign one
     * for a foreign object).
     */
    private static final String LABEL = "{a label of the route's workspace}";

    /** A query value that stands for the id of inbox A (or B) of the world. */
    private static final String INBOX_A = "{inbox A}";

    private static final String INBOX_B = "{inbox B}";

    /**
     * The OpenID provider the single sign-on rows configure (on loopback, started before
     * the policy is built).
     */
    private static final MockOAuth2Server MATRIX_PROVIDER = startedProvider();

    /** The policy table: "METHOD pattern" → rule. */
    private static final Map<String, Rule> POLICY = new LinkedHashMap<>();

    static {
        for (String list : List.of("/", "/app")) {
            row("GET " + list, Target.NONE, MEMBERS);
        }
        // the list narrowed to one inbox never widens the caller's scope: an agent of the
        // other inbox (or of none) who asks for inbox A's (or B's) conversations sees
        // none
        // of them (the page may name no conversation hidden from the caller)
        row("GET /app/conversations", Target.NONE, MEMBERS, Map.of("filter", "all", "inbox", INBOX_A));
        row("GET /app/conversations/list", Target.NONE, MEMBERS, Map.of("filter", "all", "inbox", INBOX_B));
        row("GET /app/conversations/{id}", Target.CONVERSATION, READERS_OF_A);
        // a search for what every conversation of the world says: the page must name only
        // those the caller can open (a GET's form is its query string)
        row("GET /app/search", Target.NONE, MEMBERS, Map.of("q", "hello matrix"));
        row("GET /app/conversations/{id}/head", Target.CONVERSATION, READERS_OF_A);
        row("POST /app/conversations/{id}/resolve", Target.CONVERSATION, READERS_OF_A);
        row("POST /app/conversations/{id}/reopen", Target.CONVERSATION, READERS_OF_A);
        row("POST /app/conversations/{id}/assign", Target.CONVERSATION, READERS_OF_A);
        row("POST /app/conversations/{id}/unassign", Target.CONVERSATION, ASSIGNERS_OF_A);
        row("POST /app/conversations/{id}/contact", Target.CONVERSATION, READERS_OF_A,
                Map.of("displayName", "Matrix", "email", "", "phone", ""));
        // a file upload: the body is the file (see call)
        // blocking a conversation's contact (contacts.block): every role has it, agents
        // within what they read
        row("POST /app/conversations/{id}/contact/block", Target.CONVERSATION, READERS_OF_A);
        row("POST /app/conversations/{id}/contact/unblock", Target.CONVERSATION, READERS_OF_A);
        row("POST /app/conversations/{id}/attachments", Target.CONVERSATION, READERS_OF_A);
        row("GET /app/attachments/{id}/download", Target.ATTACHMENT, READERS_OF_A);
        row("POST /app/attachments/{id}/delete", Target.ATTACHMENT, READERS_OF_A);
        // a member of another workspace manages their own workspace's inboxes and
        // members: they own it
        Set<Caller> adminsAnywhere = EnumSet.of(Caller.OWNER, Caller.ADMIN, Caller.MEMBER_OF_ANOTHER_WORKSPACE);
        row("GET /app/inboxes", Target.NONE, adminsAnywhere);
        row("POST /app/inboxes", Target.NONE, adminsAnywhere, Map.of("name", "matrix.example"));
        row("GET /app/inboxes/{inboxId}/install", Target.INBOX, ADMINS);
        row("POST /app/inboxes/{inboxId}/allowed-domains", Target.INBOX, ADMINS,
                Map.of("domains", "https://matrix.example"));
        row("POST /app/inboxes/{inboxId}/widget-language", Target.INBOX, ADMINS, Map.of("language", "de"));
        row("GET /app/inboxes/{id}/routing", Target.INBOX, ADMINS);
        row("POST /app/inboxes/{id}/routing", Target.INBOX, ADMINS, Map.of("roundRobin", "true", "openLimit", "5"));
        row("GET /app/inboxes/{id}/members", Target.INBOX, ADMINS);
        row("POST /app/inboxes/{id}/members", Target.INBOX, ADMINS);
        row("GET /app/inboxes/{id}/identity", Target.INBOX, ADMINS);
        row("POST /app/inboxes/{id}/identity/secret", Target.INBOX, ADMINS, Map.of("kid", "unique"));
        row("POST /app/inboxes/{id}/identity/public-key", Target.INBOX, ADMINS,
                Map.of("kid", "unique", "pem", IdentityTokenTestSamples.pem(IdentityTokenTestSamples.ec("secp256r1"))));
        row("POST /app/inboxes/{id}/identity/retire", Target.INBOX, ADMINS, Map.of("key", IDENTITY_KEY));
        row("POST /app/inboxes/{id}/identity/required", Target.INBOX, ADMINS, Map.of("required", "false"));
        row("GET /app/members", Target.NONE, MEMBERS);
        // saved replies: every member keeps their own and uses the workspace's; owners
        // and
        // admins (replies.manage) change the workspace's (the rows' reply is one of
        // those)
        row("GET /app/replies", Target.NONE, MEMBERS);
        row("POST /app/replies", Target.NONE, adminsAnywhere,
                Map.of("scope", "workspace", "name", "matrix", "body", "Hello {{contact.name}}"));
        row("POST /app/replies/{id}", Target.SAVED_REPLY, ADMINS, Map.of("name", "matrix", "body", "Hi"));
        row("POST /app/replies/{id}/delete", Target.SAVED_REPLY, ADMINS);
        // labels: owners, admins and managers (labels.manage) change the workspace's;
        // those
        // who may reply in a conversation put them on it and take them off
        Set<Caller> labelManagers = EnumSet.of(Caller.OWNER, Caller.ADMIN, Caller.MANAGER);
        Set<Caller> labelManagersAnywhere = EnumSet.of(Caller.OWNER, Caller.ADMIN, Caller.MANAGER,
                Caller.MEMBER_OF_ANOTHER_WORKSPACE);
        row("GET /app/labels", Target.NONE, labelManagersAnywhere);
        row("POST /app/labels", Target.NONE, labelManagersAnywhere, Map.of("name", "matrix", "colour", "blue"));
        row("POST /app/labels/{id}", Target.LABEL, labelManagers, Map.of("name", "matrix", "colour", "green"));
        row("POST /app/labels/{id}/delete", Target.LABEL, labelManagers);
        // bulk resolve: the conversation chosen is the route's object (in the form)
        row("POST /app/conversations/resolve", Target.CONVERSATION, READERS_OF_A, Map.of("conversation", OBJECT));
        row("POST /app/conversations/{id}/labels", Target.CONVERSATION, READERS_OF_A, Map.of("label", LABEL));
        row("POST /app/conversations/{id}/labels/remove", Target.CONVERSATION, READERS_OF_A, Map.of("label", LABEL));
        row("GET /app/conversations/{id}/replies", Target.CONVERSATION, READERS_OF_A);
        // {name}: the workspace reply of A that the world holds
        row("GET /app/conversations/{id}/replies/{name}", Target.CONVERSATION, READERS_OF_A);
        // owners and admins read their workspace's audit log (the member of another
        // workspace owns theirs)
        row("GET /app/audit", Target.NONE, adminsAnywhere);
        row("GET /app/audit/verification", Target.NONE, adminsAnywhere);
        row("GET /app/audit/export", Target.NONE, adminsAnywhere);
        // owners and admins (reports.view) see their workspace's reports, over the
        // inboxes
        // their scope covers (the member of another workspace sees their own)
        row("GET /app/reports", Target.NONE, adminsAnywhere);
        row("GET /app/reports.csv", Target.NONE, adminsAnywhere);
        row("POST /app/members/invitations", Target.NONE, adminsAnywhere, Map.of("role", "AGENT"));
        row("GET /app/members/{id}", Target.MEMBER,
                EnumSet.complementOf(EnumSet.of(Caller.VISITOR, Caller.ANONYMOUS, Caller.MEMBER_OF_ANOTHER_WORKSPACE)));
        row("POST /app/members/invitations/{id}/revoke", Target.INVITATION, ADMINS);
        row("POST /app/members/{id}/role", Target.MEMBER, ADMINS, Map.of("role", "AGENT"));
        row("POST /app/members/{id}/scope", Target.MEMBER, ADMINS, Map.of("scope", "ASSIGNED"));
        row("POST /app/members/{id}/overrides", Target.MEMBER, ADMINS,
                Map.of("permission", "contacts.read", "value", "revoke"));
        row("POST /app/members/{id}/remove", Target.MEMBER, ADMINS);
        row("POST /app/members/{id}/deactivate", Target.MEMBER, ADMINS);
        row("POST /app/members/{id}/reactivate", Target.MEMBER, ADMINS);
        row("POST /app/members/{id}/ownership", Target.MEMBER, EnumSet.of(Caller.OWNER));
        row("POST /app/members/{id}/sessions", Target.MEMBER, ADMINS);
        row("GET /app/alerts", Target.NONE, adminsAnywhere);
        row("POST /app/alerts/rules", Target.NONE, adminsAnywhere, Map.of("rule", "key_rotated", "enabled", "false"));
        row("POST /app/alerts/channels", Target.NONE, adminsAnywhere,
                Map.of("kind", "SIGNED_WEBHOOK", "target", "https://hooks.example.com/matrix"));
        row("POST /app/alerts/channels/{id}/remove", Target.ALERT_CHANNEL, ADMINS);
        row("POST /app/alerts/test", Target.NONE, adminsAnywhere);
        row("GET /app/privacy/ingest", Target.NONE, adminsAnywhere);
        row("POST /app/search/reindex", Target.NONE, adminsAnywhere);
        row("POST /app/privacy/ip-mode", Target.NONE, adminsAnywhere, Map.of("mode", "TRUNCATED"));
        row("POST /app/privacy/replacement", Target.NONE, adminsAnywhere, Map.of("replacement", "LAST_FOUR"));
        row("POST /app/privacy/rules", Target.NONE, adminsAnywhere,
                Map.of("name", "Matrix rule", "pattern", "MATRIX-[0-9]{6}"));
        row("POST /app/privacy/rules/{id}/remove", Target.REDACTION_RULE, ADMINS);
        row("POST /app/privacy/preview", Target.NONE, adminsAnywhere, Map.of("sample", "4242 4242 4242 4242"));
        row("GET /app/privacy/inboxes/{id}", Target.INBOX, ADMINS);
        row("POST /app/privacy/inboxes/{id}/consent", Target.INBOX, ADMINS, Map.of("consent", "ASK", "storage",
                "MEMORY", "notice", "We keep chats for 30 days.", "policyUrl", "https://matrix.example/privacy"));
        // jobs: every member lists the jobs they may see; the job of the routes is a test
        // export the owner asked for,
        // whose kind needs workspace.export (owners only): to everyone else it does not
        // exist
        row("GET /app/jobs", Target.NONE, MEMBERS);
        row("GET /app/jobs/{id}", Target.JOB, EnumSet.of(Caller.OWNER));
        row("GET /app/jobs/{id}/progress", Target.JOB, EnumSet.of(Caller.OWNER));
        row("POST /app/jobs/{id}/cancel", Target.JOB, EnumSet.of(Caller.OWNER));
        row("GET /api/v1/jobs/{id}", Target.JOB, EnumSet.of(Caller.OWNER));
        // the privacy section: retention and holds (owners and admins), erasure
        // (contacts.erase),
        // exports (contacts.export, workspace.export: owners), cancelling the workspace
        // (owners)
        Set<Caller> exporters = EnumSet.of(Caller.OWNER, Caller.ADMIN, Caller.MANAGER,
                Caller.MEMBER_OF_ANOTHER_WORKSPACE);
        Set<Caller> ownersAnywhere = EnumSet.of(Caller.OWNER, Caller.MEMBER_OF_ANOTHER_WORKSPACE);
        row("GET /app/privacy", Target.NONE, exporters);
        row("GET /app/privacy/lifecycle", Target.NONE, adminsAnywhere);
        row("POST /app/privacy/lifecycle/policy", Target.NONE, adminsAnywhere, Map.of("resolved", ""));
        row("POST /app/privacy/holds", Target.CONVERSATION, ADMINS, Map.of("kind", "conversation", "id", OBJECT));
        row("POST /app/privacy/holds/release", Target.CONVERSATION, ADMINS,
                Map.of("kind", "conversation", "id", OBJECT));
        row("GET /app/privacy/erasure", Target.NONE, adminsAnywhere);
        row("POST /app/privacy/erasure", Target.NONE, adminsAnywhere,
                Map.of("email", "nobody-at-all@matrix.example", "confirmation", "erase permanently"));
        row("GET /app/privacy/erasure/{job}/receipt", Target.ERASURE, ADMINS);
        row("GET /app/privacy/exports", Target.NONE, exporters);
        row("POST /app/privacy/exports/contact", Target.CONTACT, EnumSet.of(Caller.OWNER, Caller.ADMIN, Caller.MANAGER),
                Map.of("contact", OBJECT));
        row("POST /app/privacy/exports/workspace", Target.NONE, ownersAnywhere);
        row("GET /app/privacy/exports/{id}/download", Target.EXPORT, EnumSet.of(Caller.OWNER));
        row("GET /app/workspace/cancel", Target.NONE, ownersAnywhere);
        // a wrong confirmation (a 400 past the owner check): the matrix's workspace stays
        row("POST /app/workspace/cancel", Target.NONE, ownersAnywhere,
                Map.of("current", Fixtures.PASSWORD, "confirmation", "not the workspace's name"));
        row("GET /app/workspace/cancelled", Target.NONE, MEMBERS);
        // the workspace is not cancelled: a 400 past the owner check
        row("POST /app/workspace/restore", Target.NONE, ownersAnywhere);
        row("POST /api/v1/erasures", Target.NONE, adminsAnywhere,
                Map.of(JSON, "{\"email\": \"nobody-at-all@matrix.example\"}"));
        row("GET /api/v1/erasures/{job}/receipt", Target.ERASURE, ADMINS);
        row("POST /api/v1/exports", Target.NONE, ownersAnywhere, Map.of(JSON, "{\"workspace\": true}"));
        row("GET /api/v1/exports/{id}", Target.EXPORT, EnumSet.of(Caller.OWNER));
        row("GET /app/account/sessions", Target.NONE, MEMBERS);
        row("POST /app/account/sessions/sign-out-others", Target.NONE, MEMBERS);
        // each member's own notification preferences
        row("GET /app/account/notifications", Target.NONE, MEMBERS);
        row("POST /app/account/notifications", Target.NONE, MEMBERS, Map.of("sound", "true"));
        // a member's own status, from the top bar
        row("POST /app/account/status", Target.NONE, MEMBERS, Map.of("status", "away"));
        row("GET /app/account/password", Target.NONE, MEMBERS);
        row("POST /app/workspaces/{id}/switch", Target.WORKSPACE,
                EnumSet.complementOf(EnumSet.of(Caller.VISITOR, Caller.ANONYMOUS, Caller.MEMBER_OF_ANOTHER_WORKSPACE)));
        // the matrix world lets every member create API tokens (ApiTokenIntegrationTests
        // shows the permission's refusal)
        row("GET /app/api-tokens", Target.NONE, MEMBERS);
        row("POST /app/api-tokens", Target.NONE, MEMBERS,
                Map.of("name", "matrix", "permission", "conversations.reply"));
        // the token's own member revokes it; so does anyone who manages the workspace's
        // security
        row("POST /app/api-tokens/{id}/revoke", Target.API_TOKEN, ADMINS);
        // the REST API: each signed-in caller calls it with a token of their own holding
        // all their permissions
        row("GET /api/v1/conversations", Target.NONE, MEMBERS);
        row("GET /api/v1/search", Target.NONE, MEMBERS, Map.of("q", "hello matrix"));
        row("GET /api/v1/conversations/{id}/messages", Target.CONVERSATION, READERS_OF_A);
        row("POST /api/v1/conversations/{id}/messages", Target.CONVERSATION, READERS_OF_A);
        // single sign-on: the matrix's own provider on loopback answers the discovery
        // that saving a provider makes
        row("GET /app/sso", Target.NONE, adminsAnywhere);
        row("POST /app/sso", Target.NONE, adminsAnywhere,
                Map.of("issuer", MATRIX_PROVIDER.issuerUrl("matrix").toString(), "clientId", "matrix", "clientSecret",
                        "matrix-secret", "defaultRole", "AGENT"));
        row("POST /app/sso/required", Target.NONE, adminsAnywhere, Map.of("required", "false"));
        row("POST /app/sso/remove", Target.NONE, adminsAnywhere);
        row("POST /app/account/password", Target.NONE, MEMBERS,
                Map.of("current", Fixtures.PASSWORD, "password", Fixtures.PASSWORD));
        row("GET /app/account/two-factor", Target.NONE, MEMBERS);
        row("POST /app/account/two-factor/reminder", Target.NONE, MEMBERS);
        row("POST /app/account/two-factor/totp", Target.NONE, MEMBERS, Map.of("current", Fixtures.PASSWORD));
        row("POST /app/account/two-factor/totp/confirm", Target.NONE, MEMBERS, Map.of("code", "000000"));
        row("POST /app/account/two-factor/totp/remove", Target.NONE, MEMBERS, Map.of("current", Fixtures.PASSWORD));
        row("POST /app/account/two-factor/recovery-codes", Target.NONE, MEMBERS, Map.of("current", Fixtures.PASSWORD));
        // passkeys of one's own account: options after the current password, then the
        // browser's credential (JSON)
        row("POST /app/account/two-factor/passkeys/options", Target.NONE, MEMBERS,
                Map.of("current", Fixtures.PASSWORD));
        row("POST /app/account/two-factor/passkeys", Target.NONE, MEMBERS);
        row("POST /app/account/two-factor/passkeys/remove", Target.NONE, MEMBERS,
                Map.of("passkey", "00000000-0000-4000-8000-000000000000", "current", Fixtures.PASSWORD));
        row("GET /app/account/email", Target.NONE, MEMBERS);
        row("POST /app/account/email", Target.NONE, MEMBERS,
                Map.of("current", Fixtures.PASSWORD, "email", "not an email"));
        row("GET /app/security", Target.NONE, adminsAnywhere);
        row("POST /app/security", Target.NONE, adminsAnywhere,
                Map.of("twoFactorRequired", "false", "idleMinutes", "30", "lifetimeHours", "12"));
        // the sign-in steps after the password are for sessions held at that step only: a
        // full sign-in is refused
        for (String step : List.of("GET /login/second-factor", "POST /login/second-factor",
                "GET /login/second-factor/enrol", "POST /login/second-factor/enrol",
                "POST /login/second-factor/passkey/options", "POST /login/second-factor/passkey",
                "POST /login/second-factor/enrol/passkey/options", "POST /login/second-factor/enrol/passkey")) {
            row(step, Target.NONE, EnumSet.noneOf(Caller.class),
                    step.startsWith("POST") ? Map.of("code", "000000") : Map.of());
        }
        for (String open : List.of("GET /login", "GET /setup", "POST /setup", "GET /invite", "POST /invite",
                "GET /login/reset", "POST /login/reset", "GET /login/reset/confirm", "POST /login/reset/confirm",
                // the passkey sign-in: options for anyone, and a form body is no
                // credential (400 for anyone)
                "POST /login/passkey/options", "POST /login/passkey", "GET /widget/frame",
                // what an inbox's chat stores, for its visitors
                "GET /widget/privacy", "GET /widget/loader.{version}.js", "GET /demo/{inboxId}", "GET /error",
                "POST /error",
                // the visitor's file routes need the visitor token, a signed download its
                // signature: 404 without
                "POST /widget/attachments", "POST /widget/attachments/{id}/link", "GET /attachments/{id}",
                // the public half of the deployment's signing key, for anyone to check
                // receipts
                "GET /.well-known/confidant-signing-key", "GET /.well-known/confidant-signing-key.pem",
                // the installable dashboard: its manifest and its service worker
                "GET /manifest.webmanifest", "GET /sw.js")) {
            row(open, Target.PUBLIC, EnumSet.allOf(Caller.class));
        }
    }

    /**
     * Routes whose form only a fresh authenticator code (or an authenticator or passkey
     * the caller does not have, or a browser's WebAuthn credential) makes valid, or whose
     * valid form would change the caller's account under the matrix (an email change): a
     * 400 there means the caller got past authorization, so it counts as allowed.
     */
    private static final Set<String> PASSED_WHEN_REJECTED = Set.of("POST /app/account/email",
            // a second caller of workspace A adds a rule by the same name: refused as a
            // duplicate, after the permission check
            "POST /app/privacy/rules", "POST /app/account/two-factor/totp/confirm",
            "POST /app/account/two-factor/totp/remove", "POST /app/account/two-factor/recovery-codes",
            // a browser's new credential (JSON, which the matrix's form is not); a
            // passkey the caller does not have
            "POST /app/account/two-factor/passkeys", "POST /app/account/two-factor/passkeys/remove",
            // a wrong confirmation, and a workspace that is not cancelled
            "POST /app/workspace/cancel", "POST /app/workspace/restore",
            // a webhook's host is checked against the operator's egress allowlist
            // (empty here) after the permission check
            "POST /app/alerts/channels");

    private static MockOAuth2Server startedProvider() {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start(InetAddress.getLoopbackAddress(), 0);
        return provider;
    }

    @AfterAll
    static void stopProvider() {
        MATRIX_PROVIDER.shutdown();
    }

    private static void row(String route, Target target, Set<Caller> allowed) {
        row(route, target, allowed, Map.of());
    }

    private static void row(String route, Target target, Set<Caller> allowed, Map<String, String> form) {
        POLICY.put(route, new Rule(target, allowed, form));
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private MatrixWorld world;

    private final Map<Caller, DashboardSession> sessions = new LinkedHashMap<>();

    /**
     * Each signed-in caller's API token (with every permission they hold); none for the
     * others.
     */
    private final Map<Caller, String> apiTokens = new LinkedHashMap<>();

    @Test
    void everyRouteTimesEveryCallerTimesOwnAndForeignObjectsFollowThePolicy() {
        List<String> routes = registeredRoutes();
        assertThat(new TreeSet<>(POLICY.keySet())).as("policy rows for routes that do not exist").isSubsetOf(routes);
        assertThat(routes).as("routes without a row in the policy table").isSubsetOf(POLICY.keySet());

        setUp();
        List<String> leaks = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        List<String> headerProblems = new ArrayList<>();
        Map<String, Integer> publicAnswers = new LinkedHashMap<>();
        int cases = 0;
        int armoured = 0;
        // handing over ownership changes who the owner is: that row runs last, the
        // owner's own-object case last of all;
        // removing the single sign-on provider runs after the rows that need one
        List<String> ordered = routes.stream()
            .sorted(Comparator.comparing((String r) -> r.endsWith("/ownership"))
                .thenComparing(r -> r.endsWith("/sso/remove")))
            .toList();
        for (String route : ordered) {
            Rule rule = POLICY.get(route);
            List<Caller> callers = new ArrayList<>(EnumSet.allOf(Caller.class));
            callers.sort(Comparator.comparing(c -> c == Caller.OWNER));
            for (Caller caller : callers) {
                for (boolean foreign : rule.target() == Target.NONE || rule.target() == Target.PUBLIC ? List.of(false)
                        : List.of(true, false)) {
                    cases++;
                    Outcome expected = expected(rule, caller, foreign, route);
                    HttpResponse<String> response = call(route, rule, caller, foreign);
                    Outcome actual = response.statusCode() == 400 && PASSED_WHEN_REJECTED.contains(route) ? Outcome.OK
                            : outcome(response);
                    String label = route + " as " + caller + (foreign ? " on a foreign object" : "");
                    headerProblems.addAll(dashboardHeaderProblems(route, label, response));
                    armoured += isDashboardAnswer(route) ? 1 : 0;
                    if (rule.target() == Target.PUBLIC) {
                        // open to everyone: it must answer everyone alike, signed in or
                        // not
                        Integer first = publicAnswers.putIfAbsent(route, response.statusCode());
                        if (first != null && first != response.statusCode()) {
                            mismatches.add(label + ": " + response.statusCode() + ", others got " + first);
                        }
                        continue;
                    }
                    if (isLeak(expected, actual)) {
                        leaks.add(label + ": expected " + expected + ", got " + actual + " (" + response.statusCode()
                                + ")");
                    }
                    else if (expected != actual) {
                        mismatches.add(label + ": expected " + expected + ", got " + actual + " ("
                                + response.statusCode() + ")");
                    }
                    if (route.startsWith("GET /") && rule.target() == Target.NONE && actual == Outcome.OK) {
                        for (ConversationId hidden : world.hiddenFrom(caller)) {
                            if (response.body().contains(hidden.toString())) {
                                leaks.add(label + ": the page names conversation " + hidden);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf(
                "authorization matrix: %d routes, %d callers, %d cases, %d leaks, %d mismatches, "
                        + "%d dashboard answers with %d header problems%n",
                routes.size(), Caller.values().length, cases, leaks.size(), mismatches.size(), armoured,
                headerProblems.size());
        assertThat(leaks).as("leaks").isEmpty();
        assertThat(mismatches).as("answers that differ from the policy").isEmpty();
        assertThat(headerProblems).as("dashboard responses without their armour").isEmpty();
    }

    /**
     * Every answer of the dashboard (not the widget's frame, its demo page or the
     * sockets, which have policies of their own), whoever asked and whatever the status:
     * a strict CSP and the other protective headers.
     */
    /**
     * Whether the route answers with the dashboard's armour (the widget's and the API's
     * have their own).
     */
    private static boolean isDashboardAnswer(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        return !(path.startsWith("/widget") || path.startsWith("/demo") || forPrograms(path));
    }

    /** The API and what the deployment publishes: JSON (or a key) for programs. */
    private static boolean forPrograms(String path) {
        return path.startsWith("/api/") || path.startsWith("/.well-known/");
    }

    private static List<String> dashboardHeaderProblems(String route, String label, HttpResponse<String> response) {
        String path = route.substring(route.indexOf(' ') + 1);
        if (path.startsWith("/widget") || path.startsWith("/demo")) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (forPrograms(path)) {
            // JSON for programs: nothing in it may load or be framed, and nothing is
            // cached
            Map.of("Content-Security-Policy", "default-src 'none'", "X-Content-Type-Options", "nosniff",
                    "Cache-Control", "no-store")
                .forEach((header, value) -> {
                    if (!response.headers().firstValue(header).orElse("").contains(value)) {
                        problems.add(label + ": " + header + " is not " + value);
                    }
                });
            return problems;
        }
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        for (String directive : List.of("default-src 'self'", "script-src 'self'", "object-src 'none'",
                "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'")) {
            if (!csp.contains(directive)) {
                problems.add(label + ": CSP without " + directive);
            }
        }
        if (csp.contains("unsafe-inline") || csp.contains("unsafe-eval")) {
            problems.add(label + ": CSP allows inline or eval'd script");
        }
        Map<String, String> expected = Map.of("X-Content-Type-Options", "nosniff", "Cross-Origin-Opener-Policy",
                "same-origin", "Referrer-Policy", "same-origin", "Permissions-Policy", "camera=()");
        expected.forEach((header, value) -> {
            if (!response.headers().firstValue(header).orElse("").contains(value)) {
                problems.add(label + ": " + header + " is not " + value);
            }
        });
        if (path.startsWith("/app")
                && !response.headers().firstValue("Cache-Control").orElse("").contains("no-store")) {
            problems.add(label + ": a private page without Cache-Control: no-store");
        }
        return problems;
    }

    private List<String> registeredRoutes() {
        TreeSet<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST)
                        : methods) {
                    routes.add(method.name() + " " + pattern);
                }
            }
        }
        return List.copyOf(routes);
    }

    private static Outcome expected(Rule rule, Caller caller, boolean foreign, String route) {
        if (!caller.signedIn()) {
            // unauthenticated, even with the CSRF token of their own anonymous session:
            // sent to sign in
            return Outcome.SIGN_IN;
        }
        if (rule.target() != Target.NONE && (foreign || caller == Caller.MEMBER_OF_ANOTHER_WORKSPACE)) {
            return Outcome.NOT_FOUND;
        }
        if (rule.allowed().contains(caller)) {
            return Outcome.OK;
        }
        // a conversation or attachment the caller cannot read, another member's API token
        // or a job they may not
        // see is not found; a capability they lack is forbidden
        return ((rule.target() == Target.CONVERSATION || rule.target() == Target.ATTACHMENT)
                && !READERS_OF_A.contains(caller)) || rule.target() == Target.API_TOKEN || rule.target() == Target.JOB
                || rule.target() == Target.ERASURE || rule.target() == Target.EXPORT ? Outcome.NOT_FOUND
                        : Outcome.FORBIDDEN;
    }

    private static boolean isLeak(Outcome expected, Outcome actual) {
        return (expected != Outcome.OK && actual == Outcome.OK)
                || (expected == Outcome.NOT_FOUND && actual == Outcome.FORBIDDEN);
    }

    private static Outcome outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        String location = response.headers().firstValue("Location").orElse("");
        if (status == 302 && (location.endsWith("/login") || location.contains("/login?"))) {
            return Outcome.SIGN_IN;
        }
        return switch (status) {
            case 401 -> Outcome.SIGN_IN; // the API's answer to a call without a (valid)
                                         // token
            case 200, 201, 202, 302 -> Outcome.OK;
            case 403 -> Outcome.FORBIDDEN;
            case 404 -> Outcome.NOT_FOUND;
            default -> Outcome.OTHER;
        };
    }

    private HttpResponse<String> call(String route, Rule rule, Caller caller, boolean foreign) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        boolean changes = method.equals("POST");
        String object = switch (rule.target()) {
            case CONVERSATION ->
                (foreign ? world.foreignConversation : changes ? world.freshConversation() : world.inA).toString();
            case INBOX -> (foreign ? world.foreignInbox : changes ? world.freshInbox() : world.inboxA).id().toString();
            case MEMBER -> (foreign ? world.foreignOwner : changes ? world.freshMember() : world.owner).id().toString();
            case WORKSPACE -> (foreign ? world.foreignOwner : world.owner).workspaceId().toString();
            case API_TOKEN ->
                fixtures.apiToken(foreign ? world.foreignOwner : world.owner, Permission.CONVERSATIONS_REPLY)
                    .token()
                    .id()
                    .toString();
            case ATTACHMENT ->
                (foreign ? world.foreignAttachment : changes ? world.freshAttachment() : world.attachmentInA)
                    .toString();
            case ALERT_CHANNEL -> (foreign ? world.foreignAlertChannel : world.freshAlertChannel()).toString();
            case INVITATION -> (foreign ? world.foreignInvitation : world.freshInvitation()).toString();
            case REDACTION_RULE -> (foreign ? world.foreignRedactionRule : world.freshRedactionRule()).toString();
            case JOB -> (foreign ? world.foreignJob : changes ? world.freshJob() : world.jobInA).toString();
            case CONTACT -> (foreign ? world.foreignContact : world.contactInA).toString();
            case ERASURE -> (foreign ? world.foreignErasure : world.erasureInA).toString();
            case EXPORT -> (foreign ? world.foreignExport : world.exportInA).toString();
            case SAVED_REPLY -> (foreign ? world.foreignSavedReply : world.freshSavedReply()).toString();
            case LABEL -> (foreign ? world.foreignLabel : world.freshLabel()).toString();
            case PUBLIC -> world.inboxA.id().toString();
            case NONE -> "";
        };
        path = path.replace("{name}", MatrixWorld.SAVED_REPLY_NAME).replaceAll("\\{[^}]+}", object);
        if (rule.target() == Target.EXPORT && path.endsWith("/download")) {
            path = path + "?" + world.exportLink(foreign);
        }
        if (path.startsWith("/api/")) {
            ApiTestClient api = new ApiTestClient(port, apiTokens.get(caller));
            return method.equals("GET") ? api.get(rule.form().isEmpty() ? path : path + "?" + query(rule.form()))
                    : api.postJson(path, rule.form()
                        .getOrDefault(JSON, "{\"clientMsgId\":\"matrix-" + world.nextNumber() + "\",\"text\":\"hi\"}"));
        }
        DashboardSession session = sessions.get(caller);
        if (method.equals("GET")) {
            Map<String, String> query = new LinkedHashMap<>(rule.form());
            query.replaceAll((k, v) -> v.equals(INBOX_A) ? world.inboxA.id().toString()
                    : v.equals(INBOX_B) ? world.inboxB.id().toString() : v);
            return session.get(query.isEmpty() ? path : path + "?" + query(query));
        }
        if (path.startsWith("/app/") && path.endsWith("/attachments")) {
            return session.postBytes(path + "?name=matrix.txt",
                    "A file for the matrix.\n".getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> form = new LinkedHashMap<>(rule.form());
        form.replaceAll((k, v) -> k.equals("name") || k.equals("kid") ? "matrix-" + world.nextNumber() + ".example"
                : v.equals(IDENTITY_KEY) ? identityKeyOf(object, foreign) : v.equals(LABEL)
                        ? (foreign ? world.foreignLabel : world.labelInA).toString() : v.equals(OBJECT) ? object : v);
        return session.post(path, form);
    }

    private static String query(Map<String, String> form) {
        return form.entrySet()
            .stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    /** A new HS256 key of the inbox, made by its workspace's owner. */
    private String identityKeyOf(String inboxId, boolean foreign) {
        Member owner = foreign ? world.foreignOwner : world.owner;
        return context.getBean(VisitorIdentityTokens.class)
            .addSharedSecret(fixtures.grants(owner), InboxId.of(inboxId), "matrix-" + world.nextNumber())
            .key()
            .id()
            .toString();
    }

    private void setUp() {
        world = new MatrixWorld(context);
        AccessManagement access = context.getBean(AccessManagement.class);
        for (Caller caller : Caller.values()) {
            if (!caller.signedIn()) {
                continue;
            }
            Member member = world.members.get(caller);
            Member owner = caller == Caller.MEMBER_OF_ANOTHER_WORKSPACE ? member : world.owner;
            if (!member.equals(owner)) {
                access.setOverride(fixtures.grants(owner), member.id(), Permission.API_TOKENS_CREATE, true);
            }
            apiTokens.put(caller, fixtures.apiTokenWithAllOf(member).text());
        }
        for (Caller caller : Caller.values()) {
            DashboardSession session = caller.signedIn()
                    ? DashboardSession.signIn(port, world.members.get(caller).email(), Fixtures.PASSWORD)
                    : DashboardSession.anonymous(port);
            session.get(caller.signedIn() ? "/app/members" : "/login"); // a page, for its
                                                                        // CSRF token
            sessions.put(caller, session);
        }
        // the visitor is a browser on the widget's pages: they give it no dashboard
        // session
        sessions.get(Caller.VISITOR).get("/demo/" + world.inboxA.id());
        sessions.get(Caller.VISITOR).get("/widget/frame?inbox=" + world.inboxA.id());
    }

}
