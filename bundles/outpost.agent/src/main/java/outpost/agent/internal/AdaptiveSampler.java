package outpost.agent.internal;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a sampling task once a second while someone asks for metrics, and every 15 seconds
 * otherwise, so an agent nobody watches costs next to no CPU. A request after a quiet spell brings
 * the next sample forward to one second from then, without waiting for the slow one.
 */
final class AdaptiveSampler {

    static final Duration FAST_PERIOD = Duration.ofSeconds(1);
    static final Duration SLOW_PERIOD = Duration.ofSeconds(15);
    /** How long after the last request for metrics the sampler stays fast. */
    static final Duration DEMAND_WINDOW = Duration.ofSeconds(60);

    /** Schedules one run of a task; {@code ScheduledExecutorService::schedule} in production. */
    interface Timer {
        Future<?> schedule(Runnable task, long delay, TimeUnit unit);
    }

    private static final System.Logger LOG = System.getLogger(AdaptiveSampler.class.getName());
    private static final long FAST = FAST_PERIOD.toNanos();
    private static final long SLOW = SLOW_PERIOD.toNanos();
    private static final long WINDOW = DEMAND_WINDOW.toNanos();
    private static final long MIN_FAST_WINDOW = FAST * 3 / 4;

    private final Runnable sample;
    private final Timer timer;
    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private volatile boolean demanded;
    private volatile long lastDemand;
    private volatile long pendingDue;
    private Future<?> pending; // guarded by lock
    private boolean stopped; // guarded by lock

    AdaptiveSampler(Runnable sample, Timer timer, LongSupplier nanoClock) {
        this.sample = sample;
        this.timer = timer;
        this.nanoClock = nanoClock;
    }

    /** Schedules the first sample one fast period from now, so a figure exists soon after start. */
    void start() {
        synchronized (lock) {
            if (!stopped) {
                scheduleLocked(FAST);
            }
        }
    }

    void stop() {
        synchronized (lock) {
            stopped = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }

    /**
     * Someone asked for metrics: sample fast for the next minute. Cheap when already fast (two
     * volatile writes and a read), as it runs on the request path.
     */
    void demand() {
        long now = nanoClock.getAsLong();
        lastDemand = now;
        demanded = true;
        if (pendingDue - now <= FAST) {
            return;
        }
        synchronized (lock) {
            // no pending task means a sample is running: it schedules the next, fast one itself
            if (!stopped && pending != null && pendingDue - now > FAST && pending.cancel(false)) {
                scheduleLocked(FAST);
            }
        }
    }

    /** The period the sampler uses now: fast within a minute of the last demand, slow otherwise. */
    Duration currentPeriod() {
        return nextDelay(nanoClock.getAsLong()) == FAST ? FAST_PERIOD : SLOW_PERIOD;
    }

    private long nextDelay(long now) {
        return demanded && now - lastDemand < WINDOW ? FAST : SLOW;
    }

    private void runSample() {
        long due;
        synchronized (lock) {
            pending = null; // running: demand() must not cancel it (a running task's cancel succeeds) and start a second chain
            due = pendingDue;
        }
        try {
            sample.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sampling metrics failed; trying again next period", e);
        } finally {
            synchronized (lock) {
                if (!stopped) {
                    long now = nanoClock.getAsLong();
                    long delay = nextDelay(now);
                    if (delay == FAST) {
                        // at a fixed rate while fast: a period after this sample was due, not after it ended,
                        // so the history gets one sample per second and no second is skipped as delays add up;
                        // a sample that ran late skips a beat rather than give the next a window too short to
                        // mean anything
                        delay = Math.min(FAST, due + FAST - now);
                        while (delay < MIN_FAST_WINDOW) {
                            delay += FAST;
                        }
                    }
                    scheduleLocked(delay);
                }
            }
        }
    }

    private void scheduleLocked(long delayNanos) {
        pendingDue = nanoClock.getAsLong() + delayNanos;
        pending = timer.schedule(this::runSample, delayNanos, TimeUnit.NANOSECONDS);
    }
}
