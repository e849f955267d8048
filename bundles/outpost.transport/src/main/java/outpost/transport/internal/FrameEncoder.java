package outpost.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import outpost.protocol.FrameCodec;
import outpost.protocol.Message;

/** Writes each message as one frame. */
final class FrameEncoder extends MessageToByteEncoder<Message> {

    private final FrameCodec codec;

    FrameEncoder(FrameCodec codec) {
        super(Message.class);
        this.codec = codec;
    }

    @Override
    protected void encode(ChannelHandlerContext context, Message message, ByteBuf out) throws Exception {
        byte[] payload = codec.encodePayload(message); // checked against the maximum frame length
        out.ensureWritable(FrameCodec.LENGTH_PREFIX_BYTES + payload.length);
        out.writeInt(payload.length).writeBytes(payload);
    }
}
