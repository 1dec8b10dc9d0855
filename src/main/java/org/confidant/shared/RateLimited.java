package org.confidant.shared;

/**
 * A caller has used up a budget (new widget sessions from an address, messages from a
 * visitor, calls of an API token...). The web layer answers 429 with {@code Retry-After};
 * the socket gateways send an error frame {@code rate_limited} and keep the socket open.
 * Nothing was done.
 */
public class RateLimited extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimited(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds until the budget allows one more (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

}
