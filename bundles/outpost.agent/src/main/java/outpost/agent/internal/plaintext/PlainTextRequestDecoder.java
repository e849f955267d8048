package outpost.agent.internal.plaintext;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Turns the plain-text port's bytes into requests. A line ending with {@code \n} is a request of
 * {@code nc} and scripts. The original clients send the bare command, with no line end, and wait
 * for the answer: bytes without a line end followed by a {@link #QUIET} period are one bare
 * request, lowercased in full as the original agent did. Event loop only.
 */
final class PlainTextRequestDecoder extends ChannelInboundHandlerAdapter {

    /** A request as received: its text without the line end, and whether it came bare. */
    record Request(String line, boolean bare) {
    }

    /**
     * How long bytes without a line end wait for more before they count as a bare command: longer
     * than the gaps inside one write of a client (microseconds on a LAN), far shorter than a person's
     * patience.
     */
    static final Duration QUIET = Duration.ofMillis(150);

    private final int maxLineBytes;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private ScheduledFuture<?> quietTimer;
    /** After a too long line: what follows is dropped while the connection closes. */
    private boolean refused;

    PlainTextRequestDecoder(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ByteBuf bytes = (ByteBuf) message;
        try {
            stopQuietTimer();
            while (!refused && bytes.isReadable()) {
                int lineEnd = bytes.indexOf(bytes.readerIndex(), bytes.writerIndex(), (byte) '\n');
                int take = (lineEnd < 0 ? bytes.writerIndex() : lineEnd) - bytes.readerIndex();
                if (partial.size() + take > maxLineBytes) {
                    partial.reset();
                    refused = true;
                    context.fireExceptionCaught(new TooLongFrameException("line longer than " + maxLineBytes));
                    return;
                }
                bytes.readBytes(partial, take);
                if (lineEnd < 0) {
                    break;
                }
                bytes.skipBytes(1);
                String line = take();
                context.fireChannelRead(new Request(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, false));
            }
            if (partial.size() > 0) {
                quietTimer = context.executor().schedule(() -> takeBare(context), QUIET.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // ByteArrayOutputStream does not throw
        } finally {
            bytes.release();
        }
    }

    private void takeBare(ChannelHandlerContext context) {
        if (partial.size() > 0 && context.channel().isActive()) {
            context.fireChannelRead(new Request(take().toLowerCase(Locale.ROOT), true));
        }
    }

    private String take() {
        String text = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return text;
    }

    private void stopQuietTimer() {
        if (quietTimer != null) {
            quietTimer.cancel(false);
            quietTimer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        stopQuietTimer();
        super.channelInactive(context);
    }
}
