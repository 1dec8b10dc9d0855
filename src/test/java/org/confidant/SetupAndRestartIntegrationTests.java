package org.confidant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * First start on an empty data folder: one single-use, expiring setup link in the log, no
 * default password, and everything kept across restarts. Each test starts the real
 * application on its own embedded database.
 */
@ExtendWith(OutputCaptureExtension.class)
class SetupAndRestartIntegrationTests {

    private static final Pattern SETUP_LINK = Pattern
        .compile("http://localhost:(\\d+)/setup\\?token=([A-Za-z0-9_-]{43})");

    @TempDir
    Path dataDir;

    @Test
    void theSetupLinkCreatesTheWorkspaceOnceAndRestartsKeepEverything(CapturedOutput output) {
        String token;
        try (ConfigurableApplicationContext app = start()) {
            List<String> links = setupLinks(output.getAll());
            assertThat(links).as("one setup link on first start").hasSize(1);
            token = links.getFirst();
            int port = port(app);
            DashboardSession browser = DashboardSession.anonymous(port);

            var form = browser.get("/setup?token=" + token);
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).as("the recommended retention, proposed")
                .containsPattern("name=\"resolvedDays\"[^>]*value=\"365\"")
                .containsPattern("name=\"attachmentDays\"[^>]*value=\"90\"");
            var weak = browser.post("/setup", setupForm(token, "short"));
            assertThat(weak.statusCode()).isEqualTo(400);
            assertThat(weak.body()).contains("at least 12 characters");
            Map<String, String> badRetention = new HashMap<>(setupForm(token, "a long enough passphrase"));
            badRetention.put("resolvedDays", "0");
            var refused = browser.post("/setup", badRetention);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("&quot;resolved&quot;");
            assertThat(JdbcClient.create(app.getBean(javax.sql.DataSource.class))
                .sql("select count(*) from workspace")
                .query(Long.class)
                .single()).as("nothing half-stored").isZero();

            Map<String, String> withRetention = new HashMap<>(setupForm(token, "a long enough passphrase"));
            withRetention.put("resolvedDays", "365");
            withRetention.put("attachmentDays", " 90 ");
            var created = browser.post("/setup", withRetention);
            assertThat(created.statusCode()).isEqualTo(302);
            assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).as("signed in on setting up").endsWith("/app/conversations"));
            assertThat(browser.get("/app/members").body()).as("no second typing of email and password")
                .contains("Olga Owner");
            assertThat(JdbcClient.create(app.getBean(javax.sql.DataSource.class))
                .sql("select count(*) from audit_entry where action = 'sign_in.succeeded'")
                .query(Long.class)
                .single()).as("recorded like a sign-in").isEqualTo(1);

            assertThat(browser.get("/setup?token=" + token).statusCode()).as("the link works once").isEqualTo(404);
            assertThat(browser.post("/setup", setupForm(token, "a long enough passphrase")).statusCode())
                .isEqualTo(404);
            assertThat(JdbcClient.create(app.getBean(javax.sql.DataSource.class))
                .sql("select count(*) from workspace")
                .query(Long.class)
                .single()).isEqualTo(1);
            assertThat(JdbcClient.create(app.getBean(javax.sql.DataSource.class))
                .sql("select count(*) from audit_entry where action = 'workspace.created'")
                .query(Long.class)
                .single()).as("the workspace's log begins with its creation").isEqualTo(1);
        }

        int before = output.getAll().length();
        try (ConfigurableApplicationContext app = start()) {
            assertThat(setupLinks(output.getAll().substring(before))).as("no setup link once set up").isEmpty();
            DashboardSession owner = DashboardSession.signIn(port(app), "owner@example.com",
                    "a long enough passphrase");
            assertThat(owner.get("/app/members").body()).contains("Olga Owner").contains("owner@example.com");
            assertThat(JdbcClient.create(app.getBean(javax.sql.DataSource.class))
                .sql("select resolved_days, inactive_days, attachment_days from retention_policy where inbox_id is null")
                .query()
                .singleRow()).as("the setup's answers are the workspace's policy")
                .containsEntry("RESOLVED_DAYS", 365)
                .containsEntry("INACTIVE_DAYS", null)
                .containsEntry("ATTACHMENT_DAYS", 90);
            assertThat(owner.get("/app/conversations").body()).doesNotContain("keeps-forever");
        }
    }

    @Test
    void aNewStartVoidsTheEarlierLinkAndLinksExpire(CapturedOutput output) {
        String first;
        try (ConfigurableApplicationContext app = start()) {
            first = setupLinks(output.getAll()).getFirst();
        }
        int before = output.getAll().length();
        try (ConfigurableApplicationContext app = start()) {
            String second = setupLinks(output.getAll().substring(before)).getFirst();
            DashboardSession browser = DashboardSession.anonymous(port(app));
            assertThat(browser.get("/setup?token=" + first).statusCode()).isEqualTo(404);
            assertThat(browser.get("/setup?token=" + second).statusCode()).isEqualTo(200);
            assertThat(browser.get("/setup?token=not-a-token").statusCode()).isEqualTo(404);
            assertThat(browser.get("/setup").statusCode()).isEqualTo(404);

            JdbcClient.create(app.getBean(javax.sql.DataSource.class))
                .sql("update one_time_link set expires_at = ? where used_at is null")
                .param(OffsetDateTime.now().minusSeconds(1))
                .update();
            assertThat(browser.get("/setup?token=" + second).statusCode()).as("expired").isEqualTo(404);
        }
    }

    @Test
    void concurrentRedemptionsOfOneSetupLinkSucceedExactlyOnce(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            String token = setupLinks(output.getAll()).getFirst();
            int port = port(app);
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                DashboardSession browser = DashboardSession.anonymous(port);
                browser.get("/setup?token=" + token);
                attempts.add(() -> browser.post("/setup", setupForm(token, "a long enough passphrase")).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
                for (Future<Integer> status : pool.invokeAll(attempts)) {
                    statuses.add(status.get());
                }
            }
            assertThat(statuses).filteredOn(s -> s == 302).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 302).allMatch(s -> s == 404 || s == 400);
            JdbcClient db = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
            assertThat(db.sql("select count(*) from workspace").query(Long.class).single()).isEqualTo(1);
            assertThat(db.sql("select count(*) from account").query(Long.class).single()).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return EmbeddedApplication.start(dataDir);
    }

    private static Map<String, String> setupForm(String token, String password) {
        return Map.of("token", token, "workspaceName", "Acme Support", "displayName", "Olga Owner", "email",
                "owner@example.com", "password", password);
    }

    private static List<String> setupLinks(String log) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = SETUP_LINK.matcher(log);
        while (matcher.find()) {
            tokens.add(matcher.group(2));
        }
        return tokens;
    }

    private static int port(ConfigurableApplicationContext app) {
        return EmbeddedApplication.port(app);
    }

}
