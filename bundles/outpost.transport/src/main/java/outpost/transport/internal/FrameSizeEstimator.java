package outpost.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.MessageSizeEstimator;
import outpost.protocol.Output;

/**
 * Counts a message written from outside the event loop at about its frame size while it waits to
 * be encoded. Netty's default counts any object that is not a buffer as 8 bytes, so a process
 * pumping output from its own thread could queue megabytes as event-loop tasks with the channel
 * still writable and the {@code maxQueuedBytes} limit never reached.
 */
final class FrameSizeEstimator implements MessageSizeEstimator {

    static final FrameSizeEstimator INSTANCE = new FrameSizeEstimator();

    /** Frame header, id, kind and length fields; the other messages are about this small too. */
    private static final int SMALL_MESSAGE_BYTES = 64;

    private final Handle handle = message -> {
        if (message instanceof ByteBuf buffer) {
            return buffer.readableBytes();
        }
        if (message instanceof Output output) {
            return SMALL_MESSAGE_BYTES + output.text().length(); // UTF-8: at least one byte per char
        }
        return SMALL_MESSAGE_BYTES;
    };

    private FrameSizeEstimator() {
    }

    @Override
    public Handle newHandle() {
        return handle;
    }
}
