package outpost.protocol;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes messages to frame payloads and back. A frame is a 4-byte big-endian payload length
 * followed by the payload; the payload starts with the message type byte. Pure functions, no I/O:
 * the transport reads the length, checks it with {@link #checkFrameLength}, then reads the payload.
 */
public final class FrameCodec {

    /** Size of the length prefix of every frame. */
    public static final int LENGTH_PREFIX_BYTES = 4;
    /** Default upper bound of a payload; larger frames are refused before any buffer is allocated. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;

    private final int maxPayloadBytes;

    public FrameCodec(int maxPayloadBytes) {
        if (maxPayloadBytes < 16) {
            throw new IllegalArgumentException("maxPayloadBytes must be at least 16: " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public FrameCodec() {
        this(DEFAULT_MAX_PAYLOAD_BYTES);
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Validates a length prefix read from the wire. */
    public void checkFrameLength(int length) throws ProtocolException {
        if (length <= 0) {
            throw new ProtocolException("invalid frame length " + length);
        }
        if (length > maxPayloadBytes) {
            throw new ProtocolException("frame length " + length + " exceeds the maximum of " + maxPayloadBytes);
        }
    }

    /** The whole frame: length prefix and payload. */
    public byte[] encodeFrame(Message message) throws ProtocolException {
        byte[] payload = encodePayload(message);
        return ByteBuffer.allocate(LENGTH_PREFIX_BYTES + payload.length).putInt(payload.length).put(payload).array();
    }

    public byte[] encodePayload(Message message) throws ProtocolException {
        PayloadWriter out = new PayloadWriter();
        out.writeByte(message.type().code());
        if (message instanceof Hello hello) {
            out.writeShort(hello.protocolMajor());
            out.writeShort(hello.protocolMinor());
            out.writeString(hello.agentVersion());
            out.writeString(hello.hostName());
        } else if (message instanceof Request request) {
            out.writeInt(request.id());
            out.writeString(request.command());
        } else if (message instanceof Reply reply) {
            out.writeInt(reply.id());
            out.writeByte(reply.status().code());
            out.writeString(reply.body());
        }
        byte[] payload = out.toByteArray();
        checkFrameLength(payload.length);
        return payload;
    }

    /** Decodes one payload (the bytes after the length prefix). */
    public Message decodePayload(ByteBuffer payload) throws ProtocolException {
        try {
            MessageType type = MessageType.ofCode(Byte.toUnsignedInt(payload.get()));
            Message message = switch (type) {
                case HELLO -> new Hello(payload.getShort() & 0xFFFF, payload.getShort() & 0xFFFF,
                        readString(payload), readString(payload));
                case REQUEST -> new Request(payload.getInt(), readString(payload));
                case REPLY -> new Reply(payload.getInt(), ReplyStatus.ofCode(Byte.toUnsignedInt(payload.get())),
                        readString(payload));
            };
            if (payload.hasRemaining()) {
                throw new ProtocolException(payload.remaining() + " unexpected bytes after " + type + " message");
            }
            return message;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("truncated message", e);
        }
    }

    private static String readString(ByteBuffer payload) throws ProtocolException {
        int length = payload.getInt();
        if (length < 0 || length > payload.remaining()) {
            throw new ProtocolException("string length " + length + " exceeds the " + payload.remaining()
                    + " bytes left in the frame");
        }
        ByteBuffer bytes = payload.slice(payload.position(), length);
        payload.position(payload.position() + length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("invalid UTF-8 in string field", e);
        }
    }
}
