package org.confidant.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestDatabase;
import org.confidant.access.AccessManagement;
import org.confidant.access.MatrixWorld.Caller;
import org.confidant.access.MatrixWorld;
import org.confidant.access.Permission;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.shared.ApiTokenId;
import org.confidant.shared.AuditAction;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Tokens;
import org.confidant.signin.SecondFactorChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * API tokens attacked from every side: shown once and stored only as a keyed hash; a call
 * acts with the member's grants narrowed to the token's scope; every kind of bad token
 * answers the same 401; tokens end with their member's membership and password; a token's
 * budget ends in 429.
 */
@IntegrationTest(profiles = "quotas")
@RecordApplicationEvents
class ApiTokenIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApiTokenManagement tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    private MatrixWorld world;

    @BeforeEach
    void world() {
        world = new MatrixWorld(context);
    }

    @Test
    void aNewTokenIsShownOnceAndOnlyAKeyedHashOfItIsStored() {
        DashboardSession owner = DashboardSession.signIn(port, world.owner.email(), Fixtures.PASSWORD);
        owner.get("/app/api-tokens");
        HttpResponse<String> created = owner.post("/app/api-tokens",
                Map.of("name", "CRM sync", "permission", "conversations.read.all", "days", "30"));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String text = created.body().replaceAll("(?s).*<code id=\"token-text\">(cfd_[^<]+)</code>.*", "$1");
        assertThat(text).matches("cfd_[0-9a-f]{32}_[A-Za-z0-9_-]{43}");

        assertThat(owner.get("/app/api-tokens").body()).contains("CRM sync").doesNotContain(text);
        String secret = text.substring(text.lastIndexOf('_') + 1);
        Map<String, Object> row = TestDatabase.allRows(() -> jdbc.sql("select * from api_token where workspace_id = ?")
            .param(world.owner.workspaceId().value())
            .query()
            .singleRow());
        assertThat(row.values()).noneMatch(v -> v != null && (String.valueOf(v).contains(secret)
                || (v instanceof byte[] bytes && new String(bytes, StandardCharsets.ISO_8859_1).contains(secret))));
        byte[] stored = TestDatabase.allRows(() -> jdbc.sql("select secret_hash from api_token where workspace_id = ?")
            .param(world.owner.workspaceId().value())
            .query(byte[].class)
            .single());
        assertThat(stored).as("a keyed hash, not a plain digest")
            .hasSize(32)
            .isNotEqualTo(HexFormat.of().parseHex(Tokens.digest(secret)));
        assertThat(new ApiTestClient(port, text).get("/api/v1/conversations").statusCode()).isEqualTo(200);
    }

    @Test
    void aCallActsWithTheMembersGrantsNarrowedToTheTokensScope() {
        long before = messagesIn(world.inA);
        String readOnly = fixtures.apiToken(world.owner, Permission.CONVERSATIONS_READ_ALL).text();
        ApiTestClient reader = new ApiTestClient(port, readOnly);
        HttpResponse<String> list = reader.get("/api/v1/conversations");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(world.inA.toString(), world.inB.toString())
            .doesNotContain(world.foreignConversation.toString())
            .as("no contact names without contacts.read")
            .doesNotContain("contactName\":\"");
        assertThat(reader.get("/api/v1/conversations/" + world.inA + "/messages").body())
            .contains("hello from the matrix");
        HttpResponse<String> refused = reader.postJson("/api/v1/conversations/" + world.inA + "/messages",
                "{\"clientMsgId\":\"api-1\",\"text\":\"not allowed\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(messagesIn(world.inA)).isEqualTo(before);

        ApiTestClient replier = new ApiTestClient(port,
                fixtures.apiToken(world.owner, Permission.CONVERSATIONS_READ_ALL, Permission.CONVERSATIONS_REPLY)
                    .text());
        HttpResponse<String> posted = replier.postJson("/api/v1/conversations/" + world.inA + "/messages",
                "{\"clientMsgId\":\"api-2\",\"text\":\"Hello from the API\"}");
        assertThat(posted.statusCode()).isEqualTo(201);
        assertThat(posted.body()).contains("\"seq\":" + (before + 1), "\"duplicate\":false");
        HttpResponse<String> again = replier.postJson("/api/v1/conversations/" + world.inA + "/messages",
                "{\"clientMsgId\":\"api-2\",\"text\":\"Hello from the API\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"seq\":" + (before + 1), "\"duplicate\":true");
        assertThat(messagesIn(world.inA)).isEqualTo(before + 1);
    }

    @Test
    void anAgentsTokenReachesOnlyTheAgentsConversationsAndForeignOrMalformedIdsAreNotFound() {
        Member agent = world.members.get(Caller.AGENT_IN_INBOX);
        allowTokens(agent);
        ApiTestClient api = new ApiTestClient(port, fixtures.apiTokenWithAllOf(agent).text());
        long inA = messagesIn(world.inA);
        long foreign = messagesIn(world.foreignConversation);
        assertThat(api.get("/api/v1/conversations").body()).contains(world.inA.toString())
            .doesNotContain(world.inB.toString(), world.foreignConversation.toString());
        for (String path : List.of("/api/v1/conversations/" + world.inB + "/messages",
                "/api/v1/conversations/" + world.foreignConversation + "/messages",
                "/api/v1/conversations/not-an-id/messages")) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("\"status\":404").doesNotContain("Exception");
        }
        HttpResponse<String> foreignPost = api.postJson(
                "/api/v1/conversations/" + world.foreignConversation + "/messages",
                "{\"clientMsgId\":\"x-1\",\"text\":\"hi\"}");
        assertThat(foreignPost.statusCode()).isEqualTo(404);
        assertThat(messagesIn(world.foreignConversation)).isEqualTo(foreign);
        assertThat(api.get("/api/v1/conversations?filter=everything").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/conversations/" + world.inA + "/messages?after=x").statusCode()).isEqualTo(400);
        HttpResponse<String> badBody = api.postJson("/api/v1/conversations/" + world.inA + "/messages", "{\"text\":");
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(badBody.body()).contains("bad_body");
        assertThat(messagesIn(world.inA)).isEqualTo(inA);
    }

    @Test
    void everyTokenThatDoesNotOpenTheApiGetsTheSame401() {
        Member agent = world.members.get(Caller.AGENT_IN_INBOX);
        allowTokens(agent);
        String good = fixtures.apiTokenWithAllOf(agent).text();
        String expired = fixtures.apiTokenWithAllOf(agent).text();
        TestDatabase.allRows(() -> jdbc.sql("update api_token set expires_at = created_at where id = ?")
            .param(idOf(expired))
            .update());
        String revoked = fixtures.apiTokenWithAllOf(agent).text();
        tokens.revoke(fixtures.grants(agent), ApiTokenId.of(idOf(revoked).toString()));
        char last = good.charAt(good.length() - 1);
        String tampered = good.substring(0, good.length() - 1) + (last == 'A' ? 'B' : 'A');
        String unknownId = "cfd_" + "0".repeat(32) + good.substring(good.lastIndexOf('_'));
        String otherWorkspacesSecret = good.substring(0, good.lastIndexOf('_') + 1)
                + fixtures.apiTokenWithAllOf(world.foreignOwner).text().substring(good.lastIndexOf('_') + 1);

        ApiTestClient raw = new ApiTestClient(port, null);
        String invalidBody = null;
        for (String authorization : List.of("Bearer " + tampered, "Bearer " + unknownId, "Bearer " + expired,
                "Bearer " + revoked, "Bearer " + otherWorkspacesSecret, "Bearer cfd_nonsense",
                "Bearer " + "x".repeat(5000))) {
            HttpResponse<String> response = raw.getWithAuthorization("/api/v1/conversations", authorization);
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            if (authorization.length() < 200) {
                assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
                invalidBody = invalidBody == null ? response.body() : invalidBody;
                assertThat(response.body()).as("the same answer for every bad token").isEqualTo(invalidBody);
            }
        }
        for (String authorization : new String[] { null, "Basic " + good, good }) {
            HttpResponse<String> response = raw.getWithAuthorization("/api/v1/conversations", authorization);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        }
        assertThat(raw.get("/api/v1/conversations?access_token=" + good).statusCode())
            .as("a token in the URL is not looked at")
            .isEqualTo(401);
        DashboardSession signedIn = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        assertThat(signedIn.get("/api/v1/conversations").statusCode()).as("a dashboard cookie does not open the API")
            .isEqualTo(401);
        assertThat(new ApiTestClient(port, good).get("/api/v1/conversations").statusCode()).isEqualTo(200);
    }

    @Test
    void removalFromTheWorkspaceAndAPasswordChangeEndTheMembersTokens() {
        Member agent = world.members.get(Caller.AGENT_IN_INBOX);
        Member other = world.members.get(Caller.AGENT_OTHER_INBOX);
        allowTokens(agent);
        allowTokens(other);
        ApiTestClient removed = new ApiTestClient(port, fixtures.apiTokenWithAllOf(agent).text());
        ApiTestClient changed = new ApiTestClient(port, fixtures.apiTokenWithAllOf(other).text());
        assertThat(removed.get("/api/v1/conversations").statusCode()).isEqualTo(200);
        assertThat(changed.get("/api/v1/conversations").statusCode()).isEqualTo(200);

        context.getBean(AccessManagement.class).remove(fixtures.grants(world.owner), agent.id());
        context.getBean(AccountManagement.class)
            .changePassword(other.accountId(), Fixtures.PASSWORD, "a brand new passphrase 42");

        assertThat(removed.get("/api/v1/conversations").statusCode()).isEqualTo(401);
        assertThat(changed.get("/api/v1/conversations").statusCode()).isEqualTo(401);
        assertThat(TestDatabase
            .allRows(() -> jdbc.sql("select count(*) from api_token where member_id in (?, ?) and revoked_at is null")
                .params(agent.id().value(), other.id().value())
                .query(Long.class)
                .single()))
            .isZero();
        assertThat(events.stream(ApiTokenRevoked.class).map(ApiTokenRevoked::reason)).contains("member_removed",
                "password_changed");
    }

    @Test
    void aSecondFactorChangeEndsTheTokensOfEveryMembershipOfTheAccount() {
        Member manager = world.members.get(Caller.MANAGER);
        allowTokens(manager);
        Member elsewhere = fixtures.joinAsAgent(manager, world.foreignOwner);
        context.getBean(AccessManagement.class)
            .setOverride(fixtures.grants(world.foreignOwner), elsewhere.id(), Permission.API_TOKENS_CREATE, true);
        ApiTestClient here = new ApiTestClient(port, fixtures.apiTokenWithAllOf(manager).text());
        ApiTestClient there = new ApiTestClient(port, fixtures.apiTokenWithAllOf(elsewhere).text());
        assertThat(here.get("/api/v1/conversations").statusCode()).isEqualTo(200);
        assertThat(there.get("/api/v1/conversations").statusCode()).isEqualTo(200);

        // as SecondFactorManagement publishes it when the manager enrols an authenticator
        // in workspace A
        context.publishEvent(new SecondFactorChanged(manager.workspaceId(), manager.id(), manager.email(),
                SecondFactorChanged.Change.ENROLLED, SecondFactorChanged.TOTP));

        assertThat(here.get("/api/v1/conversations").statusCode()).isEqualTo(401);
        assertThat(there.get("/api/v1/conversations").statusCode()).as("the account's other workspace too")
            .isEqualTo(401);
    }

    @Test
    void creatingTokensIsRefusedWithoutThePermissionOrBeyondTheMembersOwnAndLeavesNothing() {
        Member agent = world.members.get(Caller.AGENT_IN_INBOX);
        DashboardSession session = DashboardSession.signIn(port, agent.email(), Fixtures.PASSWORD);
        session.get("/app/api-tokens");
        assertThat(session.post("/app/api-tokens", Map.of("name", "mine", "permission", "conversations.reply"))
            .statusCode()).isEqualTo(403);
        allowTokens(agent);
        var grants = fixtures.grants(agent);
        assertThatThrownBy(() -> tokens.create(grants, "x", Set.of("members.manage"), null))
            .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> tokens.create(grants, " ", Set.of("conversations.reply"), null))
            .isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> tokens.create(grants, "x\u0000y", Set.of("conversations.reply"), null))
            .isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> tokens.create(grants, "x", Set.of("no.such.thing"), null))
            .isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> tokens.create(grants, "x", Set.of(), null)).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> tokens.create(grants, "x", Set.of("conversations.reply"), 0))
            .isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> tokens.create(grants, "x", Set.of("conversations.reply"), 366))
            .isInstanceOf(Rejected.class);
        session.get("/app/api-tokens");
        HttpResponse<String> badDays = session.post("/app/api-tokens",
                Map.of("name", "mine", "permission", "conversations.reply", "days", "soon"));
        assertThat(badDays.statusCode()).isEqualTo(400);
        assertThat(TestDatabase.allRows(() -> jdbc.sql("select count(*) from api_token where member_id = ?")
            .param(agent.id().value())
            .query(Long.class)
            .single())).isZero();
    }

    @Test
    void anotherMembersTokenIsNotFoundToAnAgentAndRevocableByAnAdmin() {
        var ownersToken = fixtures.apiToken(world.owner, Permission.CONVERSATIONS_READ_ALL);
        Member agent = world.members.get(Caller.AGENT_IN_INBOX);
        assertThatThrownBy(() -> tokens.revoke(fixtures.grants(agent), ownersToken.token().id()))
            .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> tokens.revoke(fixtures.grants(world.foreignOwner), ownersToken.token().id()))
            .isInstanceOf(NotFound.class);
        assertThat(new ApiTestClient(port, ownersToken.text()).get("/api/v1/conversations").statusCode())
            .isEqualTo(200);
        tokens.revoke(fixtures.grants(world.members.get(Caller.ADMIN)), ownersToken.token().id());
        assertThat(new ApiTestClient(port, ownersToken.text()).get("/api/v1/conversations").statusCode())
            .isEqualTo(401);
    }

    @Test
    void useIsCountedWithoutAnEntryPerCall() {
        // presented from this thread, whose events the test records (an HTTP call is
        // served on another)
        var token = fixtures.apiToken(world.owner, Permission.CONVERSATIONS_READ_ALL);
        assertThat(tokens.authenticate(token.text())).isPresent();
        assertThat(tokens.authenticate(token.text())).isPresent();
        assertThat(events.stream(ApiTokenUsed.class).filter(u -> u.tokenId().equals(token.token().id())))
            .singleElement()
            .satisfies(u -> assertThat(u.firstUse()).isTrue());
        assertThat(tokens.mine(fixtures.grants(world.owner))).anySatisfy(t -> {
            assertThat(t.id()).isEqualTo(token.token().id());
            assertThat(t.lastUsedAt()).isNotNull();
        });
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        TestDatabase.allRows(() -> jdbc.sql("update api_token set use_day = ?, uses_that_day = 7 where id = ?")
            .params(yesterday, token.token().id().value())
            .update());
        assertThat(tokens.authenticate(token.text())).isPresent();
        assertThat(events.stream(ApiTokenUsed.class).filter(u -> !u.firstUse())).singleElement().satisfies(u -> {
            assertThat(u.day()).isEqualTo(yesterday);
            assertThat(u.calls()).isEqualTo(7);
            assertThat(u.auditRecord().action()).isEqualTo(AuditAction.API_TOKEN_DAILY_USE);
        });
    }

    @Test
    void aTokenOverItsBudgetIsToldWhenToComeBack() {
        ApiTestClient api = new ApiTestClient(port,
                fixtures.apiToken(world.owner, Permission.CONVERSATIONS_READ_ALL).text());
        for (int call = 1; call <= 10; call++) {
            assertThat(api.get("/api/v1/conversations").statusCode()).as("call " + call).isEqualTo(200);
        }
        HttpResponse<String> over = api.get("/api/v1/conversations");
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(over.body()).contains("\"status\":429");
        ApiTestClient another = new ApiTestClient(port,
                fixtures.apiToken(world.owner, Permission.CONVERSATIONS_READ_ALL).text());
        assertThat(another.get("/api/v1/conversations").statusCode()).as("budgets are per token").isEqualTo(200);
    }

    private void allowTokens(Member member) {
        context.getBean(AccessManagement.class)
            .setOverride(fixtures.grants(world.owner), member.id(), Permission.API_TOKENS_CREATE, true);
    }

    private long messagesIn(ConversationId conversation) {
        return TestDatabase.allRows(() -> jdbc.sql("select count(*) from message where conversation_id = ?")
            .param(conversation.value())
            .query(Long.class)
            .single());
    }

    private static UUID idOf(String token) {
        String hex = token.substring(4, 36);
        return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    }

}
