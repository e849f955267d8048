package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void doublesFromOneSecondUpToTheCapAndStaysThere() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(20));
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seconds.add(backoff.next().toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 20L, 20L, 20L), seconds);
    }

    @Test
    void aSuccessfulConnectStartsOverFromTheFirstDelay() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMinutes(1));
        backoff.next();
        backoff.next();
        backoff.next();
        assertEquals(3, backoff.attempts());
        backoff.reset();
        assertEquals(Duration.ofSeconds(1), backoff.next());
    }

    @Test
    void neverOverflowsHoweverLongTheAgentStaysDown() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(60));
        Duration last = null;
        for (int i = 0; i < 10_000; i++) {
            last = backoff.next();
        }
        assertEquals(Duration.ofSeconds(60), last);
        assertEquals(Duration.ofSeconds(60), ReconnectBackoff.delayAfter(Integer.MAX_VALUE, Duration.ofSeconds(60)));
    }

    @Test
    void aCapBelowOneSecondMeansOneSecond() {
        assertEquals(Duration.ofSeconds(1), new ReconnectBackoff(Duration.ZERO).next());
    }
}
