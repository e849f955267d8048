package outpost.agent.internal.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class AuthThrottleTest {

    private Instant now = Instant.parse("2026-11-24T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void locksOutLongerAfterEachFailureBeyondTheFreeOnesAndForgetsOnSuccess() throws Exception {
        AuthThrottle throttle = new AuthThrottle(clock);
        String guesser = "192.0.2.7";
        String other = "broker client console-7";
        for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
            throttle.failed(guesser);
            assertEquals(Duration.ZERO, throttle.lockout(guesser));
        }
        throttle.failed(guesser);
        assertEquals(Duration.ofSeconds(1), throttle.lockout(guesser));
        throttle.failed(guesser);
        assertEquals(Duration.ofSeconds(2), throttle.lockout(guesser));
        throttle.failed(guesser);
        assertEquals(Duration.ofSeconds(4), throttle.lockout(guesser));
        assertEquals(Duration.ZERO, throttle.lockout(other), "other addresses are not affected");
        now = now.plusSeconds(4);
        assertEquals(Duration.ZERO, throttle.lockout(guesser));
        for (int i = 0; i < 30; i++) {
            throttle.failed(guesser);
        }
        assertEquals(AuthThrottle.MAX_LOCKOUT, throttle.lockout(guesser));
        throttle.succeeded(guesser);
        assertEquals(Duration.ZERO, throttle.lockout(guesser));
    }
}
