package outpost.agent.internal.authentication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down token guessing: after {@value #FREE_FAILURES} failed attempts from an address, each
 * further failure locks that address out for twice as long as the last (1 s, 2 s, 4 s ... at most
 * 5 minutes). A success clears the address's record. An address is a client's IP address, or for a
 * connection through a broker the broker client's name ({@code broker client console-7}).
 */
public final class AuthThrottle {

    static final int FREE_FAILURES = 3;
    static final Duration MAX_LOCKOUT = Duration.ofMinutes(5);
    /** Addresses tracked at most; reaching it forgets all records (memory stays bounded under a flood of addresses). */
    static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public AuthThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    /** How long the address must still wait before it may try again; zero when it may try now. */
    Duration lockout(String address) {
        Failures record = failures.get(address);
        if (record == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), record.lockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records a failure; returns how many failures the address has now. */
    int failed(String address) {
        if (failures.size() >= MAX_TRACKED) {
            failures.clear(); // bounded memory under a flood of addresses; the lockouts restart
        }
        Failures updated = failures.merge(address, new Failures(1, lockUntil(1)),
                (old, ignored) -> new Failures(old.count() + 1, lockUntil(old.count() + 1)));
        return updated.count();
    }

    void succeeded(String address) {
        failures.remove(address);
    }

    private Instant lockUntil(int count) {
        if (count <= FREE_FAILURES) {
            return clock.instant();
        }
        long seconds = 1L << Math.min(count - FREE_FAILURES - 1, 20);
        Duration lock = Duration.ofSeconds(seconds);
        return clock.instant().plus(lock.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lock);
    }
}
