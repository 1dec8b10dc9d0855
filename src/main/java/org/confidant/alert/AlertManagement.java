package org.confidant.alert;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.audit.AuditEntryRecorded;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.shared.Tokens;
import org.confidant.shared.WorkspaceId;
import org.confidant.egress.OutboundUrlGuard;
import org.confidant.system.PublicUrl;
import org.confidant.workspace.Workspace;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alert module's public API: a workspace's rules (all on until switched off) and
 * channels, a test alert, and the recent deliveries. Everything here needs
 * {@code security.manage}; webhook URLs pass the SSRF guard ({@link OutboundUrlGuard})
 * and the egress gate's allowlist before anything is stored (a 400 naming the URL,
 * nothing saved), and again at every delivery; targets and secrets are stored encrypted
 * and a webhook's signing secret is shown once.
 */
@Service
public class AlertManagement {

    private static final int RECENT_DELIVERIES = 50;

    private static final int MAX_EMAIL_LENGTH = 254;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** A rule and whether it is on in the workspace. */
    public record RuleState(AlertRule rule, boolean enabled) {
    }

    /** A new signed webhook, with its signing secret: shown once, never again. */
    public record NewSignedWebhook(AlertChannel channel, String signingSecret) {
    }

    private final JdbcClient jdbc;

    private final AlertChannels channels;

    private final AlertDeliveries deliveries;

    private final WebhookCourier webhooks;

    private final EmailCourier email;

    private final WorkspaceManagement workspaces;

    private final AlertDispatcher dispatcher;

    private final TransactionTemplate transactions;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final PublicUrl publicUrl;

    AlertManagement(JdbcClient jdbc, AlertChannels channels, AlertDeliveries deliveries, WebhookCourier webhooks,
            EmailCourier email, WorkspaceManagement workspaces, AlertDispatcher dispatcher,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock, PublicUrl publicUrl) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.email = email;
        this.workspaces = workspaces;
        this.dispatcher = dispatcher;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    @Transactional(readOnly = true)
    public List<RuleState> rules(Grants actor) {
        actor.require(Permission.SECURITY_MANAGE);
        Map<AlertRule, Boolean> switched = new EnumMap<>(AlertRule.class);
        jdbc.sql("select rule, enabled from alert_rule_setting where workspace_id = ?")
            .param(actor.workspaceId().value())
            .query((rs, n) -> Map.entry(rs.getString("rule"), rs.getBoolean("enabled")))
            .list()
            .forEach(e -> AlertRule.byKey(e.getKey()).ifPresent(r -> switched.put(r, e.getValue())));
        return Arrays.stream(AlertRule.values())
            .map(rule -> new RuleState(rule, switched.getOrDefault(rule, true)))
            .toList();
    }

    @Transactional
    public void setRule(Grants actor, AlertRule rule, boolean enabled) {
        actor.require(Permission.SECURITY_MANAGE);
        UUID workspace = actor.workspaceId().value();
        int updated = jdbc.sql("update alert_rule_setting set enabled = ? where workspace_id = ? and rule = ?")
            .params(enabled, workspace, rule.key())
            .update();
        if (updated == 0) {
            jdbc.sql("insert into alert_rule_setting (workspace_id, rule, enabled) values (?, ?, ?)")
                .params(workspace, rule.key(), enabled)
                .update();
        }
        events.publishEvent(new AlertRuleChanged(actor.workspaceId(), actor.memberId(), rule, enabled));
    }

    @Transactional(readOnly = true)
    public List<AlertChannel> channels(Grants actor) {
        actor.require(Permission.SECURITY_MANAGE);
        return channels.list(actor.workspaceId()).stream().map(AlertChannels.Stored::channel).toList();
    }

    /**
     * Adds a signed webhook; its signing secret is generated here and returned this once.
     */
    @Transactional
    public NewSignedWebhook addSignedWebhook(Grants actor, String url) {
        actor.require(Permission.SECURITY_MANAGE);
        String checked = webhooks.checkOnSave(actor.workspaceId(), ChannelKind.SIGNED_WEBHOOK, url);
        String secret = "whsec_" + Tokens.newToken();
        return new NewSignedWebhook(add(actor, ChannelKind.SIGNED_WEBHOOK, checked, secret), secret);
    }

    /**
     * Adds a Slack-compatible incoming webhook (its URL is a secret: stored encrypted,
     * shown by host only).
     */
    @Transactional
    public AlertChannel addSlackWebhook(Grants actor, String url) {
        actor.require(Permission.SECURITY_MANAGE);
        return add(actor, ChannelKind.SLACK, webhooks.checkOnSave(actor.workspaceId(), ChannelKind.SLACK, url), null);
    }

    @Transactional
    public AlertChannel addEmail(Grants actor, String address) {
        actor.require(Permission.SECURITY_MANAGE);
        String trimmed = address == null ? "" : address.strip();
        if (trimmed.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(trimmed).matches()) {
            throw new Rejected("bad_email", "Enter an email address such as security@example.com.");
        }
        if (!email.isConfigured()) {
            throw new Rejected("no_smtp", "No SMTP server is configured (spring.mail.host); ask the operator.");
        }
        return add(actor, ChannelKind.EMAIL, trimmed, null);
    }

    /**
     * Removes a channel of the actor's workspace and its deliveries; another workspace's
     * channel is not found.
     */
    @Transactional
    public void removeChannel(Grants actor, AlertChannelId id) {
        AlertChannels.Stored channel = channels.find(actor.workspaceId(), id)
            .orElseThrow(() -> new NotFound("alert channel"));
        actor.require(Permission.SECURITY_MANAGE);
        channels.delete(actor.workspaceId(), id);
        events
            .publishEvent(new AlertChannelRemoved(actor.workspaceId(), actor.memberId(), id, channel.channel().kind()));
    }

    /**
     * Sends a test alert to every channel of the workspace; returns how many channels it
     * goes to.
     */
    public int sendTest(Grants actor) {
        actor.require(Permission.SECURITY_MANAGE);
        AuditEntryRecorded example = new AuditEntryRecorded(actor.workspaceId(), 0, Timestamps.now(clock), "alert.test",
                AuditActor.member(actor.memberId(), ""), "", AuditOutcome.SUCCESS, Map.of());
        return raiseNow(actor.workspaceId(), content("test", "A test alert", example, Map.of(), true));
    }

    @Transactional(readOnly = true)
    public List<AlertDelivery> recentDeliveries(Grants actor) {
        actor.require(Permission.SECURITY_MANAGE);
        return deliveries.recent(actor.workspaceId(), RECENT_DELIVERIES);
    }

    /** Whether a rule is on in the workspace (on unless switched off). */
    @Transactional(readOnly = true)
    boolean isEnabled(WorkspaceId workspace, AlertRule rule) {
        return jdbc.sql("select enabled from alert_rule_setting where workspace_id = ? and rule = ?")
            .params(workspace.value(), rule.key())
            .query(Boolean.class)
            .optional()
            .orElse(true);
    }

    /**
     * Stores an alert with a pending delivery for each of the workspace's channels;
     * returns the deliveries.
     */
    List<UUID> raise(WorkspaceId workspace, AlertContent content) {
        List<AlertChannelId> targets = channels.list(workspace).stream().map(s -> s.channel().id()).toList();
        if (targets.isEmpty()) {
            return List.of();
        }
        return deliveries.raise(workspace, content, targets, Timestamps.now(clock));
    }

    AlertContent content(String rule, String title, AuditEntryRecorded entry, Map<String, String> details,
            boolean test) {
        String workspaceName = workspaces.find(entry.workspaceId()).map(Workspace::name).orElse("(deleted)");
        return new AlertContent(rule, title, entry.workspaceId().toString(), workspaceName, entry.action(),
                entry.actor().kind().name(), entry.actor().id(), entry.actor().label(), entry.target(),
                entry.outcome().name(), entry.at().toString(), entry.sequence(), details,
                publicUrl.base() + "/app/audit", test);
    }

    private AlertChannel add(Grants actor, ChannelKind kind, String target, String secret) {
        AlertChannel channel = new AlertChannel(AlertChannelId.random(), actor.workspaceId(), kind,
                AlertChannels.shown(kind, target), Timestamps.now(clock));
        channels.insert(channel, target, secret);
        events.publishEvent(new AlertChannelAdded(actor.workspaceId(), actor.memberId(), channel.id(), kind));
        return channel;
    }

    private int raiseNow(WorkspaceId workspace, AlertContent content) {
        List<UUID> raised = transactions.execute(status -> raise(workspace, content));
        dispatcher.attemptSoon(raised);
        return raised.size();
    }

}
