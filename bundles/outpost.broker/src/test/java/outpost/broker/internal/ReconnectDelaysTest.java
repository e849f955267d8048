package outpost.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReconnectDelaysTest {

    private static List<Long> seconds(ReconnectDelays delays, int count) {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            waits.add(delays.next().toMillis());
        }
        return waits;
    }

    @Test
    void doublesFromOneSecondUpToAMinuteAndStartsAgainAfterAConnection() {
        ReconnectDelays highest = new ReconnectDelays(ReconnectDelays.FIRST, ReconnectDelays.CAP, () -> 1.0);
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L), seconds(highest, 8));
        highest.reset();
        assertEquals(List.of(1000L, 2000L), seconds(highest, 2));
    }

    @Test
    void theJitterDrawsBetweenHalfAndAllOfTheStep() {
        ReconnectDelays lowest = new ReconnectDelays(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L), seconds(lowest, 8));
    }
}
