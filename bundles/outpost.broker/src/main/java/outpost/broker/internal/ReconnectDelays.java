package outpost.broker.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The link's wait before each reconnect attempt: {@code first}, doubling up to {@code cap}, each
 * drawn between half and all of that (jitter, so a fleet that lost its broker does not return at
 * once); a connection that succeeds starts again from {@code first}.
 */
public final class ReconnectDelays {

    public static final Duration FIRST = Duration.ofSeconds(1);
    public static final Duration CAP = Duration.ofSeconds(60);

    private final Duration first;
    private final Duration cap;
    private final DoubleSupplier random;
    private Duration next;

    public ReconnectDelays(Duration first, Duration cap, DoubleSupplier random) {
        this.first = first;
        this.cap = cap;
        this.random = random;
        this.next = first;
    }

    public synchronized Duration next() {
        Duration ceiling = next;
        next = ceiling.multipliedBy(2).compareTo(cap) > 0 ? cap : ceiling.multipliedBy(2);
        long millis = ceiling.toMillis();
        return Duration.ofMillis(millis / 2 + (long) (random.getAsDouble() * (millis - millis / 2)));
    }

    public synchronized void reset() {
        next = first;
    }
}
