package outpost.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ConditionsTest {

    @Test
    void returnsOnceTheConditionHolds() throws InterruptedException {
        AtomicInteger polls = new AtomicInteger();
        Conditions.waitUntil("the third poll", () -> polls.incrementAndGet() == 3, Duration.ofSeconds(30));
        assertTrue(polls.get() == 3);
    }

    @Test
    void failsNamingWhatItWaitedForAndTheState() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Conditions.waitUntil("pigs fly", () -> false, () -> "pigs: grounded", Duration.ofMillis(50)));
        assertTrue(error.getMessage().contains("waiting until pigs fly: pigs: grounded"), error.getMessage());
    }

    @Test
    void holdsWithinSaysWhetherItCameTrue() throws InterruptedException {
        assertFalse(Conditions.holdsWithin(() -> false, Duration.ofMillis(30)));
        assertTrue(Conditions.holdsWithin(() -> true, Duration.ofMillis(30)));
    }
}
