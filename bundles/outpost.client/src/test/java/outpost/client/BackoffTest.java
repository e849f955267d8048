package outpost.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheFirstDelayUpToTheCapAndStaysThere() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20));
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seconds.add(backoff.next().toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 20L, 20L, 20L), seconds);
        assertEquals(8, backoff.failures());
    }

    @Test
    void countsTheSameWayForAnyFirstDelay() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60));
        assertEquals(List.of(5L, 10L, 20L, 40L, 60L, 60L, 60L),
                IntStream.rangeClosed(1, 7).mapToObj(n -> backoff.delayAfter(n).toSeconds()).toList());
        assertEquals(Duration.ofSeconds(5), backoff.next(), "the first failure waits the first delay");
    }

    @Test
    void aSuccessStartsOverFromTheFirstDelay() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
        backoff.next();
        backoff.next();
        backoff.next();
        assertEquals(3, backoff.failures());
        backoff.reset();
        assertEquals(0, backoff.failures());
        assertEquals(Duration.ofSeconds(1), backoff.next());
    }

    @Test
    void neverOverflowsHoweverLongTheAgentStaysDown() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        Duration last = null;
        for (int i = 0; i < 10_000; i++) {
            last = backoff.next();
        }
        assertEquals(Duration.ofSeconds(60), last);
        assertEquals(Duration.ofSeconds(60), backoff.delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void aCapBelowTheFirstDelayMeansTheFirstDelay() {
        assertEquals(Duration.ofSeconds(5), new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(2)).next());
        assertEquals(Duration.ofSeconds(1), new Backoff(Duration.ofSeconds(1), Duration.ZERO).next());
    }
}
