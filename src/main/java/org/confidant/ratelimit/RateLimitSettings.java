package org.confidant.ratelimit;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The budgets ({@code confidant.rate-limits.*}), each {@code <requests>/<period>}.
 * Defaults suit a busy public site with visitors behind shared addresses (offices, mobile
 * carriers); see {@code docs/operations.md}.
 */
@ConfigurationProperties("confidant.rate-limits")
public record RateLimitSettings(@DefaultValue("60/10m") String widgetSessionsPerAddress,
        @DefaultValue("30/1h") String conversationsPerAddress, @DefaultValue("60/1m") String messagesPerVisitor,
        @DefaultValue("20/10s") String messagesPerSocket, @DefaultValue("20/10m") String uploadsPerVisitor,
        @DefaultValue("600/1m") String apiCallsPerToken, @DefaultValue("10/1h") String passwordResetsPerAddress,
        @DefaultValue("3/1h") String passwordResetsPerAccount,
        @DefaultValue("120/10m") String passkeySignInsPerAddress) {

    /** Every budget, parsed (a malformed setting stops the start with its name). */
    Map<RateLimit, Budget> budgets() {
        Map<RateLimit, Budget> budgets = new EnumMap<>(RateLimit.class);
        budgets.put(RateLimit.WIDGET_SESSIONS_PER_ADDRESS,
                parse(RateLimit.WIDGET_SESSIONS_PER_ADDRESS, widgetSessionsPerAddress));
        budgets.put(RateLimit.CONVERSATIONS_PER_ADDRESS,
                parse(RateLimit.CONVERSATIONS_PER_ADDRESS, conversationsPerAddress));
        budgets.put(RateLimit.MESSAGES_PER_VISITOR, parse(RateLimit.MESSAGES_PER_VISITOR, messagesPerVisitor));
        budgets.put(RateLimit.MESSAGES_PER_SOCKET, parse(RateLimit.MESSAGES_PER_SOCKET, messagesPerSocket));
        budgets.put(RateLimit.UPLOADS_PER_VISITOR, parse(RateLimit.UPLOADS_PER_VISITOR, uploadsPerVisitor));
        budgets.put(RateLimit.API_CALLS_PER_TOKEN, parse(RateLimit.API_CALLS_PER_TOKEN, apiCallsPerToken));
        budgets.put(RateLimit.PASSWORD_RESETS_PER_ADDRESS,
                parse(RateLimit.PASSWORD_RESETS_PER_ADDRESS, passwordResetsPerAddress));
        budgets.put(RateLimit.PASSWORD_RESETS_PER_ACCOUNT,
                parse(RateLimit.PASSWORD_RESETS_PER_ACCOUNT, passwordResetsPerAccount));
        budgets.put(RateLimit.PASSKEY_SIGN_INS_PER_ADDRESS,
                parse(RateLimit.PASSKEY_SIGN_INS_PER_ADDRESS, passkeySignInsPerAddress));
        return budgets;
    }

    private static Budget parse(RateLimit limit, String text) {
        return Budget.parse(limit.setting(), text);
    }
}
