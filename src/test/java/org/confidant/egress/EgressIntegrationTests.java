package org.confidant.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.PublishedEvents;
import org.confidant.access.Grants;
import org.confidant.alert.AlertManagement;
import org.confidant.alert.AlertTestSamples;
import org.confidant.alert.ChannelKind;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.shared.Rejected;
import org.confidant.sso.SsoManagement;
import org.confidant.sso.SsoManagement.ProviderForm;
import org.confidant.tenancy.SystemScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With the default, empty {@code confidant.egress.allowed-hosts}, every flow whose target
 * a workspace chooses is refused before anything is sent, logged, counted and audited in
 * that workspace: alert webhooks and Slack at delivery, a single sign-on provider at
 * save. (The operator's flows, SMTP and clamd, connect to what the operator configured:
 * {@code AlertsIntegrationTests}, {@code ClamdScanningIntegrationTests}.)
 */
@ExtendWith(SystemScope.class)
@IntegrationTest
class EgressIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    PublishedEvents events;

    @Autowired
    AlertManagement alerts;

    @Autowired
    SsoManagement sso;

    @Autowired
    Egress egress;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void alertWebhooksAndSlackToAHostNobodyAllowedAreRefusedWhenSavedAndAudited() {
        Member owner = fixtures.workspaceWithOwner();
        Grants grants = fixtures.grants(owner);
        Rejected webhook = catchThrowableOfType(Rejected.class,
                () -> alerts.addSignedWebhook(grants, "https://hooks.example.com/confidant"));
        Rejected slack = catchThrowableOfType(Rejected.class,
                () -> alerts.addSlackWebhook(grants, "https://hooks.slack.example/services/T0/B0/x"));
        assertThat(List.of(webhook, slack)).allSatisfy(refused -> {
            assertThat(refused.code()).isEqualTo("egress_refused");
            assertThat(refused.getMessage()).contains("confidant.egress.allowed-hosts");
        });
        assertThat(alerts.channels(grants)).as("nothing saved").isEmpty();
        assertThat(events.of(EgressRefused.class, owner.workspaceId()))
            .extracting(EgressRefused::flow, EgressRefused::host)
            .containsExactlyInAnyOrder(tuple(Flow.ALERT_WEBHOOK, "hooks.example.com"),
                    tuple(Flow.ALERT_SLACK, "hooks.slack.example"));
        // recorded in transactions of their own: the refused saves' rollbacks keep them
        assertThat(auditEntries(owner)).isEqualTo(2);
    }

    @Test
    void alertWebhooksAndSlackToAHostNoLongerAllowedAreRefusedAtDeliveryAndAudited() throws InterruptedException {
        Member owner = fixtures.workspaceWithOwner();
        Grants grants = fixtures.grants(owner);
        // saved while the operator allowed their hosts (see AlertTestSamples)
        AlertTestSamples.storedWebhook(context, owner.workspaceId(), ChannelKind.SIGNED_WEBHOOK,
                "https://hooks.example.com/confidant");
        AlertTestSamples.storedWebhook(context, owner.workspaceId(), ChannelKind.SLACK,
                "https://hooks.slack.example/services/T0/B0/x");
        long refusedBefore = refusals(Flow.ALERT_WEBHOOK) + refusals(Flow.ALERT_SLACK);

        assertThat(alerts.sendTest(grants)).isEqualTo(2);

        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (events.of(EgressRefused.class, owner.workspaceId()).map(EgressRefused::flow).distinct().count() < 2
                && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        assertThat(events.of(EgressRefused.class, owner.workspaceId()))
            .extracting(EgressRefused::flow, EgressRefused::host)
            .contains(tuple(Flow.ALERT_WEBHOOK, "hooks.example.com"), tuple(Flow.ALERT_SLACK, "hooks.slack.example"));
        assertThat(refusals(Flow.ALERT_WEBHOOK) + refusals(Flow.ALERT_SLACK)).isGreaterThanOrEqualTo(refusedBefore + 2);
        awaitAuditEntries(owner, 2);
        while (alerts.recentDeliveries(grants).stream().anyMatch(d -> d.lastError() == null)
                && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        assertThat(alerts.recentDeliveries(grants))
            .allSatisfy(delivery -> assertThat(delivery.lastError()).contains("egress.allowed-hosts"));
    }

    @Test
    void aSingleSignOnProviderNobodyAllowedIsRefusedAtSaveAndAudited() {
        Member owner = fixtures.workspaceWithOwner();
        Rejected refused = catchThrowableOfType(Rejected.class, () -> sso.configure(fixtures.grants(owner),
                new ProviderForm("https://idp.example.org/realms/acme", "confidant", "s3cret", Role.AGENT)));
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo("egress_refused");
        assertThat(jdbc.sql("select count(*) from sso_provider where workspace_id = ?")
            .param(owner.workspaceId().value())
            .query(Long.class)
            .single()).isZero();
        assertThat(events.of(EgressRefused.class, owner.workspaceId())).singleElement()
            .satisfies(e -> assertThat(e.flow()).isEqualTo(Flow.SSO_PROVIDER))
            .satisfies(e -> assertThat(e.host()).isEqualTo("idp.example.org"));
        // recorded in a transaction of its own: the refused save's rollback keeps it
        assertThat(auditEntries(owner)).isEqualTo(1);
    }

    @Test
    void theGateLetsAnAllowlistedHostThroughButNeverPastTheSsrfGuard() {
        EgressSettings settings = new EgressSettings(
                List.of(" Hooks.Example.com ", "*.corp.example", "api.example:8443"));
        assertThat(settings.allows("hooks.example.com", 443)).isTrue();
        assertThat(settings.allows("hooks.example.com", 8080)).isTrue();
        assertThat(settings.allows("a.b.corp.example", 443)).isTrue();
        assertThat(settings.allows("corp.example", 443)).isFalse();
        assertThat(settings.allows("evilcorp.example", 443)).isFalse();
        assertThat(settings.allows("api.example", 8443)).isTrue();
        assertThat(settings.allows("api.example", 443)).isFalse();
        assertThat(settings.allows("example.com", 443)).isFalse();
        for (String bad : List.of("*", "*.*.example", "https://x.example", "user@x.example", "*.")) {
            assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new EgressSettings(List.of(bad))))
                .as(bad)
                .isNotNull();
        }
        assertThat(egress.allows("hooks.example.com", 443)).as("empty by default").isFalse();
    }

    private long refusals(Flow flow) {
        return egress.uses().stream().filter(use -> use.flow() == flow).findFirst().orElseThrow().refusals();
    }

    private long auditEntries(Member owner) {
        return jdbc.sql("select count(*) from audit_entry where workspace_id = ? and action = 'egress.refused'")
            .param(owner.workspaceId().value())
            .query(Long.class)
            .single();
    }

    private void awaitAuditEntries(Member owner, long atLeast) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (auditEntries(owner) < atLeast && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        assertThat(auditEntries(owner)).isGreaterThanOrEqualTo(atLeast);
    }

}
