package org.confidant.ratelimit;

import org.springframework.modulith.NamedInterface;

/**
 * The budgets Confidant keeps, each per key (an address, a visitor, a socket, a token).
 * Each has a setting {@code confidant.rate-limits.<name>} of the form
 * {@code <requests>/<period>}, e.g. {@code 60/1m}.
 */
@NamedInterface("api")
public enum RateLimit {

    /**
     * New widget visitors (sessions without a valid visitor token) from one IP address.
     */
    WIDGET_SESSIONS_PER_ADDRESS("widget-sessions-per-address", "new visitors from this address"),
    /** New conversations opened from one IP address. */
    CONVERSATIONS_PER_ADDRESS("conversations-per-address", "new conversations from this address"),
    /** Messages one visitor sends, over all their tabs. */
    MESSAGES_PER_VISITOR("messages-per-visitor", "messages"),
    /** Messages sent over one socket. */
    MESSAGES_PER_SOCKET("messages-per-socket", "messages on this connection"),
    /** Files one visitor uploads. */
    UPLOADS_PER_VISITOR("uploads-per-visitor", "files"),
    /** REST API calls made with one token. */
    API_CALLS_PER_TOKEN("api-calls-per-token", "calls with this token"),
    /** Password-reset requests from one IP address, whatever the email. */
    PASSWORD_RESETS_PER_ADDRESS("password-resets-per-address", "password-reset requests from this address"),
    /**
     * Password-reset emails sent to one account (beyond it, requests are silently
     * dropped: nobody is told).
     */
    PASSWORD_RESETS_PER_ACCOUNT("password-resets-per-account", "password-reset emails to this account"),
    /**
     * Requests of the passkey sign-in (its options and its assertions) from one IP
     * address.
     */
    PASSKEY_SIGN_INS_PER_ADDRESS("passkey-sign-ins-per-address", "passkey sign-in requests from this address");

    private final String setting;

    private final String what;

    RateLimit(String setting, String what) {
        this.setting = setting;
        this.what = what;
    }

    /** The setting's name under {@code confidant.rate-limits}. */
    public String setting() {
        return setting;
    }

    /** What is counted, in words for the refusal's message. */
    String what() {
        return what;
    }

}
