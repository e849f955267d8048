package outpost.transport.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import outpost.transport.Tunnel;
import outpost.transport.TunnelCarrier;
import outpost.transport.TunnelListener;
import outpost.transport.TunnelOpener;

/**
 * One direction of a tunnelled stream carried in memory, as a broker carries it: what one side sends
 * reaches the other side's {@link Tunnel} on this direction's own thread. It can hold what it is given
 * (a broker that is slow), pause its sender while it holds more than a threshold, and tamper with or
 * duplicate a chunk (a hostile broker).
 */
final class MemoryCarrier implements TunnelCarrier {

    /** The two directions of one stream, between a client and a tunnel listener. */
    record Pair(MemoryCarrier toServer, MemoryCarrier toClient) {

        Pair() {
            this(new MemoryCarrier("to-server"), new MemoryCarrier("to-client"));
        }

        /** For {@code connectTunnel}: the listener accepts the stream from {@code peer}. */
        TunnelOpener opener(TunnelListener listener, String peer) {
            return clientTunnel -> {
                toClient.receiver = clientTunnel;
                toServer.sender = clientTunnel;
                Tunnel serverTunnel = listener.accept(peer, toClient);
                toServer.receiver = serverTunnel;
                toClient.sender = serverTunnel;
                return toServer;
            };
        }

        void shutdown() throws InterruptedException {
            toServer.shutdown();
            toClient.shutdown();
        }
    }

    private final ExecutorService delivery;
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger pauses = new AtomicInteger();
    final AtomicInteger resumes = new AtomicInteger();
    final AtomicLong deliveredBytes = new AtomicLong();
    /** The sending side's tunnel, which this carrier pauses. */
    volatile Tunnel sender;
    /** The receiving side's tunnel. */
    volatile Tunnel receiver;

    // guarded by this
    private final List<byte[]> held = new ArrayList<>();
    private boolean stalled;
    private long queued;
    private long peakQueued;
    private long pauseAbove = Long.MAX_VALUE;
    private long resumeBelow;
    private boolean paused;
    private boolean tamperNext;
    private boolean duplicateNext;

    private MemoryCarrier(String name) {
        delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "memory-carrier-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Pauses the sender while more than {@code high} bytes are queued, resumes it below {@code low}. */
    synchronized void pauseAbove(long high, long low) {
        pauseAbove = high;
        resumeBelow = low;
    }

    /** Holds what it is given until {@link #release()}. */
    synchronized void stall() {
        stalled = true;
    }

    synchronized void release() {
        stalled = false;
        for (byte[] chunk : held) {
            deliver(chunk);
        }
        held.clear();
    }

    /** Flips a byte in the middle of the next chunk. */
    synchronized void tamperNext() {
        tamperNext = true;
    }

    /** Delivers the next chunk twice. */
    synchronized void duplicateNext() {
        duplicateNext = true;
    }

    synchronized long peakQueued() {
        return peakQueued;
    }

    @Override
    public synchronized void send(byte[] bytes) {
        byte[] chunk = bytes.clone();
        if (tamperNext) {
            tamperNext = false;
            chunk[chunk.length / 2] ^= 0x01;
        }
        queued += chunk.length;
        peakQueued = Math.max(peakQueued, queued);
        if (!paused && queued > pauseAbove) {
            paused = true;
            pauses.incrementAndGet();
            sender.pauseSending();
        }
        if (stalled) {
            held.add(chunk);
        } else {
            deliver(chunk);
        }
        if (duplicateNext) {
            duplicateNext = false;
            delivery.execute(() -> receiver.received(chunk.clone()));
        }
    }

    private void deliver(byte[] chunk) {
        delivery.execute(() -> {
            receiver.received(chunk);
            deliveredBytes.addAndGet(chunk.length);
            delivered(chunk.length);
        });
    }

    private synchronized void delivered(int bytes) {
        queued -= bytes;
        if (paused && queued < resumeBelow) {
            paused = false;
            resumes.incrementAndGet();
            sender.resumeSending();
        }
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        try {
            delivery.execute(() -> receiver.closed());
        } catch (RejectedExecutionException afterTheTest) {
            // the test is over: nobody is left to tell
        }
    }

    /** Waits until everything handed to this direction so far has been delivered. */
    void drain() throws Exception {
        delivery.submit(() -> {
        }).get(30, TimeUnit.SECONDS);
    }

    private void shutdown() throws InterruptedException {
        delivery.shutdownNow();
        delivery.awaitTermination(10, TimeUnit.SECONDS);
    }
}
