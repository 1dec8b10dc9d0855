package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.confidant.shared.RateLimited;
import org.confidant.shared.Rejected;

import org.confidant.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

class SignInThrottleTests {

    private final TestClock clock = frozenClock();

    private final List<Object> published = new ArrayList<>();

    private final SignInThrottle throttle = new SignInThrottle(clock, published::add,
            new SignInThrottleSettings(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(24)));

    @Test
    void fiveFailuresAreFreeThenEachFurtherOneDoublesTheDelayUpToTheCeiling() {
        for (int i = 1; i <= 4; i++) {
            fail("ada@example.com", "192.0.2.1");
            assertThat(refusal("ada@example.com", "192.0.2.1")).as("after failure %d", i).isEmpty();
        }
        fail("ada@example.com", "192.0.2.1");
        assertThat(refusal("ada@example.com", "192.0.2.1")).hasValue(Duration.ofSeconds(1));
        assertThat(refusal(" ADA@example.com ", "198.51.100.7")).as("the same email, as typed, elsewhere")
            .hasValue(Duration.ofSeconds(1));
        assertThat(refusal("bob@example.com", "192.0.2.1")).as("another email from that address").isEmpty();

        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fail("ada@example.com", "192.0.2.1");
            delays.add(refusal("ada@example.com", "192.0.2.1").orElseThrow());
        }
        assertThat(delays).startsWith(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8))
            .endsWith(Duration.ofMinutes(15), Duration.ofMinutes(15));

        clock.move(Duration.ofMinutes(15));
        assertThat(refusal("ada@example.com", "192.0.2.1")).as("the delay has passed").isEmpty();
    }

    @Test
    void aSuccessClearsItsEmailButNotItsAddress() {
        for (int i = 0; i < 5; i++) {
            fail("ada@example.com", "192.0.2.1");
        }
        for (int i = 0; i < 15; i++) {
            fail("guess" + i + "@example.com", "192.0.2.1");
        }
        throttle.on(new AuthenticationSuccessEvent(token("ada@example.com", "192.0.2.1")));

        assertThat(refusal("ada@example.com", "198.51.100.7")).as("the email, from elsewhere").isEmpty();
        assertThat(refusal("ada@example.com", "192.0.2.1")).as("the address failed 20 times").isPresent();
        assertThat(refusal("carol@example.com", "192.0.2.1")).as("any email from that address").isPresent();
    }

    @Test
    void everyNewDelayIsPublishedForTheAuditLog() {
        for (int i = 0; i < 6; i++) {
            fail("ada@example.com", "192.0.2.1");
        }
        assertThat(published).hasSize(2).allSatisfy(event -> assertThat(event).isInstanceOf(SignInThrottled.class));
        SignInThrottled first = (SignInThrottled) published.getFirst();
        assertThat(first.kind()).isEqualTo(SignInThrottled.Kind.ACCOUNT);
        assertThat(first.subject()).isEqualTo("ada@example.com");
        assertThat(first.failures()).isEqualTo(5);
        assertThat(first.until()).isEqualTo(clock.instant().plusSeconds(1));
        assertThat(((SignInThrottled) published.get(1)).until()).isEqualTo(clock.instant().plusSeconds(2));
    }

    @Test
    void countsAreForgottenADayAfterTheLastFailure() {
        for (int i = 0; i < 5; i++) {
            fail("ada@example.com", "192.0.2.1");
        }
        clock.move(Duration.ofHours(24).plusSeconds(1));
        fail("ada@example.com", "192.0.2.1");
        assertThat(refusal("ada@example.com", "192.0.2.1")).as("one failure, counted afresh").isEmpty();
    }

    @Test
    void aThrottledVerificationIsNotTriedAndSecondFactorsAreCountedApart() {
        AtomicInteger tried = new AtomicInteger();
        Supplier<Boolean> wrongCode = () -> {
            tried.incrementAndGet();
            throw new Rejected("wrong_code", "That code does not match.");
        };
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> throttle.verify(SignInThrottle.Attempt.SECOND_FACTOR, "ada@example.com",
                    "192.0.2.1", wrongCode))
                .isInstanceOf(Rejected.class);
        }
        assertThat(tried).hasValue(5);
        assertThatThrownBy(() -> throttle.verify(SignInThrottle.Attempt.SECOND_FACTOR, "ada@example.com",
                "198.51.100.7", wrongCode))
            .isInstanceOfSatisfying(RateLimited.class, limited -> assertThat(limited.retryAfterSeconds()).isEqualTo(1));
        assertThat(tried).as("a throttled code is not even checked").hasValue(5);
        assertThat(refusal("ada@example.com", "198.51.100.7")).as("passwords are counted apart").isEmpty();
        assertThat(throttle.verify(SignInThrottle.Attempt.PASSWORD, "ada@example.com", "198.51.100.7", () -> 42))
            .isEqualTo(42);

        clock.move(Duration.ofSeconds(1));
        assertThat(throttle.verify(SignInThrottle.Attempt.SECOND_FACTOR, "ada@example.com", "198.51.100.7", () -> true))
            .isTrue();
        assertThatThrownBy(() -> throttle.verify(SignInThrottle.Attempt.SECOND_FACTOR, "ada@example.com",
                "198.51.100.7", wrongCode))
            .as("a right code cleared the count")
            .isInstanceOf(Rejected.class);
    }

    private static TestClock frozenClock() {
        TestClock clock = new TestClock();
        clock.freeze();
        return clock;
    }

    /** How long a password attempt of the email from the address must wait, if at all. */
    private Optional<Duration> refusal(String email, String address) {
        try {
            throttle.check(SignInThrottle.Attempt.PASSWORD, email, address);
            return Optional.empty();
        }
        catch (RateLimited limited) {
            return Optional.of(Duration.ofSeconds(limited.retryAfterSeconds()));
        }
    }

    private void fail(String email, String address) {
        throttle.on(new AuthenticationFailureBadCredentialsEvent(token(email, address),
                new BadCredentialsException("bad credentials")));
    }

    private static UsernamePasswordAuthenticationToken token(String email, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(email, "pw");
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

}
