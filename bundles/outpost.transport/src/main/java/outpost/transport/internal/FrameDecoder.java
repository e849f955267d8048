package outpost.transport.internal;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import outpost.protocol.FrameCodec;

/** Cuts the byte stream into frames; the length is checked before the payload is buffered. */
final class FrameDecoder extends ByteToMessageDecoder {

    private final FrameCodec codec;

    FrameDecoder(FrameCodec codec) {
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) throws Exception {
        if (in.readableBytes() < FrameCodec.LENGTH_PREFIX_BYTES) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        codec.checkFrameLength(length);
        if (in.readableBytes() < FrameCodec.LENGTH_PREFIX_BYTES + length) {
            return;
        }
        in.skipBytes(FrameCodec.LENGTH_PREFIX_BYTES);
        ByteBuf payload = in.readSlice(length);
        out.add(codec.decodePayload(payload.nioBuffer()));
    }
}
