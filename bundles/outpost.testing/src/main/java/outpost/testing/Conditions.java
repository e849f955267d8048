package outpost.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in tests: poll a condition until it holds or a deadline passes, never a fixed sleep. The
 * deadline is generous because CI machines are loaded; a test that waits for something that does
 * not happen fails with what it waited for.
 */
public final class Conditions {

    /** How long a test waits for a condition by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;

    private Conditions() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT}; fails naming {@code what}. */
    public static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        waitUntil(what, condition, DEFAULT_TIMEOUT);
    }

    /** Waits until the condition holds; fails with an AssertionError naming {@code what} after the timeout. */
    public static void waitUntil(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        waitUntil(what, condition, () -> "", timeout);
    }

    /** As {@link #waitUntil(String, BooleanSupplier, Duration)}, adding {@code state} to the failure message. */
    public static void waitUntil(String what, BooleanSupplier condition, Supplier<String> state, Duration timeout)
            throws InterruptedException {
        waitUntil(what, condition, state, timeout, () -> {
        });
    }

    /**
     * As {@link #waitUntil(String, BooleanSupplier, Supplier, Duration)}, running {@code betweenPolls}
     * before each poll: a UI test runs the display's event loop there, so the work it waits for can
     * happen on the thread that waits.
     */
    public static void waitUntil(String what, BooleanSupplier condition, Supplier<String> state, Duration timeout,
            Runnable betweenPolls) throws InterruptedException {
        if (!holdsWithin(condition, timeout, betweenPolls)) {
            String detail = state.get();
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what
                    + (detail.isEmpty() ? "" : ": " + detail));
        }
    }

    /** Whether the condition came to hold within the timeout (for tests that assert on it themselves). */
    public static boolean holdsWithin(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        return holdsWithin(condition, timeout, () -> {
        });
    }

    private static boolean holdsWithin(BooleanSupplier condition, Duration timeout, Runnable betweenPolls)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            betweenPolls.run();
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
