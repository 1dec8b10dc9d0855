package org.confidant.egress;

import org.springframework.modulith.NamedInterface;

/**
 * Every kind of outbound connection Confidant makes, what it carries and what turns it
 * on: the catalogue {@code docs/data-flows.md} is generated from ({@code DataFlowsTests}
 * keeps the two equal and checks that each flow is used). Nothing else leaves the server:
 * no telemetry, no update checks.
 *
 * <p>
 * Who chooses the target decides what the operator's allowlist means for a flow. An
 * {@link Chooser#OPERATOR operator} flow connects only to what the operator configured
 * for it (an SMTP host, clamd's address, a KMS plug-in): that configuration is the
 * permission. A {@link Chooser#WORKSPACE workspace} flow connects to URLs that members of
 * a workspace enter (an alert webhook, an identity provider) and documents they name;
 * such a target is allowed only when the operator listed its host in
 * {@code confidant.egress.allowed-hosts} or in the flow's own setting for hosts on
 * private networks ({@code confidant.alerts.allowed-targets},
 * {@code confidant.sso.allowed-private-hosts}), and it passes the SSRF guard besides.
 */
@NamedInterface("api")
public enum Flow {

    ALERT_WEBHOOK("alert.webhook", Chooser.WORKSPACE,
            "An alert as JSON, signed with the channel's secret: the rule, what happened (action, target, actor's "
                    + "label), the workspace's name, when, and a link to the audit log; never a message body or secret",
            "An alert channel of kind signed webhook (Alerts page, `security.manage`)"),
    ALERT_SLACK("alert.slack", Chooser.WORKSPACE, "The same alert as one line of text (`{\"text\": …}`)",
            "An alert channel of kind Slack (Alerts page)"),
    ALERT_EMAIL("alert.email", Chooser.OPERATOR, "The same alert as an email, to the channel's address",
            "`spring.mail.host` and an alert channel of kind email"),
    PASSWORD_RESET_EMAIL("identity.password_reset", Chooser.OPERATOR,
            "A password-reset link, to the account's own email, with the address the request came from",
            "`spring.mail.host` (without it, reset by email is off)"),
    CANCELLATION_EMAIL("lifecycle.cancellation", Chooser.OPERATOR,
            "To a cancelled workspace's owners: that it was cancelled and when it will be deleted, a reminder three "
                    + "days before, and that it was deleted",
            "`spring.mail.host` (without it, no email is sent; the workspace page says when it ends)"),
    SSO_PROVIDER("sso.provider", Chooser.WORKSPACE,
            "Discovery (`GET <issuer>/.well-known/openid-configuration`) and the key set (`GET jwks_uri`), which "
                    + "carry nothing of Confidant's; the token request (the authorization code, the PKCE verifier, "
                    + "the client id and secret). User info is never asked for",
            "A workspace's single sign-on provider (Single sign-on page, `security.manage`)"),
    CLAMD("attachment.clamd", Chooser.OPERATOR,
            "Every uploaded file's bytes (`INSTREAM`), before anything is stored; over TCP, or a local unix socket",
            "`confidant.attachments.clamd.enabled` with `clamd.host`/`clamd.port` or `clamd.socket`"),
    KMS("crypto.kms", Chooser.OPERATOR,
            "The master key's operations: wrapping and unwrapping workspace keysets (never data), by the plug-in's "
                    + "own client",
            "A `MasterKey` plug-in on `loader.path` (see the crypto module's SPI)");

    /** Who chooses where a flow connects. */
    public enum Chooser {

        /** The operator, in Confidant's settings: the setting is the permission. */
        OPERATOR,

        /**
         * Members of a workspace, on its pages: allowed only through the operator's
         * allowlists.
         */
        WORKSPACE

    }

    private final String key;

    private final Chooser chooser;

    private final String carries;

    private final String enabledBy;

    Flow(String key, Chooser chooser, String carries, String enabledBy) {
        this.key = key;
        this.chooser = chooser;
        this.carries = carries;
        this.enabledBy = enabledBy;
    }

    /** The flow's stable name (logs, metrics, the audit log's details). */
    public String key() {
        return key;
    }

    public Chooser chooser() {
        return chooser;
    }

    /** What the flow carries, for the data-flows page. */
    public String carries() {
        return carries;
    }

    /** What turns it on. */
    public String enabledBy() {
        return enabledBy;
    }

}
