package org.confidant.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.confidant.shared.RateLimited;
import org.confidant.shared.Rejected;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Brute-force protection for the sign-in form (and for re-authentication, such as the
 * current password asked before a password change): failed attempts are counted per email
 * and per source address; past a number of free failures, the next attempt is not even
 * checked until a delay has passed ({@link #verify} throws {@link RateLimited}, answered
 * like every other spent budget: a 429 with {@code Retry-After}), and each further
 * failure doubles the delay up to a ceiling. An email nobody has is counted exactly like
 * one somebody has, so the answers tell nothing about which accounts exist; wrong
 * second-factor codes are counted the same way, per account apart; a success clears its
 * email's count (not its address's, or one valid account would let an address guess at
 * all the others). Every new delay is published as a {@link SignInThrottled} event for
 * the audit log.
 *
 * <p>
 * The counts live in this node's memory, at most {@link #MAX_TRACKED} emails and
 * addresses each, and are forgotten a while after their last failure; a restart forgets
 * them. Several nodes each count their own attempts (the several-node issue moves the
 * counts to the shared store).
 */
@NamedInterface("api")
@Component
public class SignInThrottle {

    /**
     * The most emails, and the most addresses, tracked at once; the least recently
     * failing are dropped first.
     */
    static final int MAX_TRACKED = 100_000;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    private final SignInThrottleSettings settings;

    private final Cache<String, Failures> accounts;

    private final Cache<String, Failures> addresses;

    private final Cache<String, Failures> secondFactors;

    /** The failures of one email or address, and until when its attempts are refused. */
    private record Failures(int count, Instant blockedUntil) {
    }

    SignInThrottle(Clock clock, ApplicationEventPublisher events, SignInThrottleSettings settings) {
        this.clock = clock;
        this.events = events;
        this.settings = settings;
        this.accounts = tracker(clock, settings);
        this.addresses = tracker(clock, settings);
        this.secondFactors = tracker(clock, settings);
    }

    private static Cache<String, Failures> tracker(Clock clock, SignInThrottleSettings settings) {
        return Caffeine.newBuilder()
            .maximumSize(MAX_TRACKED)
            .expireAfterWrite(settings.forgetAfter())
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .build();
    }

    /**
     * What an attempt offers: a password, or a second factor. Wrong second factors are
     * counted apart from wrong passwords, so that signing in again with the right
     * password does not clear them.
     */
    public enum Attempt {

        PASSWORD("Too many wrong passwords. Wait a few minutes, then try again."),
        SECOND_FACTOR("Too many wrong codes. Wait a few minutes, then try again.");

        private final String refusal;

        Attempt(String refusal) {
            this.refusal = refusal;
        }

    }

    /**
     * Runs a verification unless the email or the address must wait: then it throws
     * {@link RateLimited} (a 429 with {@code Retry-After}) and the verification is not
     * even tried. A verification that fails (throws {@link Rejected}) counts a failure
     * for the email and the address, and the refusal goes on to the caller; one that
     * passes clears the email's count of its kind.
     */
    public <T> T verify(Attempt attempt, String email, String address, Supplier<T> verification) {
        check(attempt, email, address);
        T result;
        try {
            result = verification.get();
        }
        catch (Rejected wrong) {
            failed(attempt, email, address);
            throw wrong;
        }
        trackerOf(attempt).invalidate(normalise(email));
        return result;
    }

    /**
     * Throws {@link RateLimited} while the email or the address must wait: before
     * anything that leads to a verification (the sign-in form's, or a passkey ceremony's
     * options) is even looked at.
     */
    public void check(Attempt attempt, String email, String address) {
        Instant now = clock.instant();
        Instant until = latest(blockedUntil(trackerOf(attempt), normalise(email)), blockedUntil(addresses, address));
        if (until.isAfter(now)) {
            Duration wait = Duration.between(now, until);
            throw new RateLimited(attempt.refusal, Math.max(1, wait.plusMillis(999).toSeconds()));
        }
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent failure) {
        failed(Attempt.PASSWORD, failure.getAuthentication().getName(),
                addressOf(failure.getAuthentication().getDetails()));
    }

    /** Counts a failed attempt of the email from the address. */
    private void failed(Attempt attempt, String email, String address) {
        count(trackerOf(attempt), normalise(email), settings.accountFreeFailures(),
                attempt == Attempt.PASSWORD ? SignInThrottled.Kind.ACCOUNT : SignInThrottled.Kind.SECOND_FACTOR);
        if (address != null) {
            count(addresses, address, settings.addressFreeFailures(), SignInThrottled.Kind.ADDRESS);
        }
    }

    private Cache<String, Failures> trackerOf(Attempt attempt) {
        return attempt == Attempt.PASSWORD ? accounts : secondFactors;
    }

    @EventListener
    void on(AuthenticationSuccessEvent success) {
        accounts.invalidate(normalise(success.getAuthentication().getName()));
    }

    private void count(Cache<String, Failures> tracker, String key, int free, SignInThrottled.Kind kind) {
        Instant now = clock.instant();
        Failures after = tracker.asMap().compute(key, (k, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            return new Failures(count, count < free ? Instant.MIN : now.plus(delay(count - free)));
        });
        if (after.count() >= free) {
            events.publishEvent(new SignInThrottled(kind, key, after.count(), after.blockedUntil()));
        }
    }

    /**
     * The delay after the {@code beyond}-th failure past the free ones (0 for the last
     * free one): doubling, capped.
     */
    Duration delay(int beyond) {
        Duration delay = settings.firstDelay();
        for (int i = 0; i < beyond && delay.compareTo(settings.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private static Instant blockedUntil(Cache<String, Failures> tracker, String key) {
        Failures failures = key == null ? null : tracker.getIfPresent(key);
        return failures == null ? Instant.MIN : failures.blockedUntil();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String addressOf(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

}
