package org.confidant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in the tests: the system's time, which a test may move forward
 * (a session past its lifetime, a throttle past its delay) or freeze at an instant (codes
 * that change every 30 seconds), instead of sleeping or building a service by hand. Back
 * on time after each test ({@link #reset()}).
 */
public final class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    private volatile Instant frozen;

    @Override
    public Instant instant() {
        Instant base = frozen;
        return (base == null ? Instant.now() : base).plus(offset);
    }

    /** Moves the time forward (or back, with a negative duration). */
    public void move(Duration by) {
        offset = offset.plus(by);
    }

    /** Stops the time where it is now; {@link #move} still moves it. */
    public void freeze() {
        frozen = instant();
        offset = Duration.ZERO;
    }

    /** The system's time again. */
    public void reset() {
        frozen = null;
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock's time, in another zone (it moves and freezes with this one). */
    @Override
    public Clock withZone(ZoneId zone) {
        TestClock time = this;
        return new Clock() {

            @Override
            public Instant instant() {
                return time.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return time.withZone(other);
            }
        };
    }

}
