package outpost.explorer.ui.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheFirstDelayUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60));
        assertEquals(List.of(5L, 10L, 20L, 40L, 60L, 60L, 60L),
                IntStream.rangeClosed(1, 7).mapToObj(n -> backoff.delayAfter(n).toSeconds()).toList());
        assertEquals(Duration.ofSeconds(60), backoff.delayAfter(Integer.MAX_VALUE), "no overflow after many failures");
    }

    @Test
    void aCapBelowTheFirstDelayWins() {
        assertEquals(Duration.ofSeconds(2), new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(2)).delayAfter(1));
    }
}
