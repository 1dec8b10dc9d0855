package org.confidant.alert;

/** How an alert channel delivers. */
public enum ChannelKind {

    /**
     * A JSON POST signed with HMAC-SHA256 over {@code "<timestamp>.<body>"} (headers
     * {@code Confidant-*}).
     */
    SIGNED_WEBHOOK("Signed webhook"),
    /**
     * A Slack-compatible incoming webhook: a POST of {@code {"text": ...}}; the URL
     * itself is the secret.
     */
    SLACK("Slack webhook"),
    /** An email through the operator's SMTP server. */
    EMAIL("Email");

    private final String label;

    ChannelKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

}
