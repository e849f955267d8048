package outpost.protocol;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes messages to frame payloads and back. A frame is a 4-byte big-endian payload length
 * followed by the payload; the payload starts with the message type byte. Pure functions, no I/O:
 * a transport reads the length, checks it with {@link #checkFrameLength}, then reads the payload.
 */
public final class FrameCodec {

    /** Size of the length prefix of every frame. */
    public static final int LENGTH_PREFIX_BYTES = 4;
    /** Default upper bound of a payload; larger frames are refused before any buffer is allocated. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;
    /** Upper bound of the number of items in a list field (capabilities, roles). */
    public static final int MAX_LIST_ITEMS = 256;

    private final int maxPayloadBytes;

    public FrameCodec(int maxPayloadBytes) {
        if (maxPayloadBytes < 64) {
            throw new IllegalArgumentException("maxPayloadBytes must be at least 64: " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public FrameCodec() {
        this(DEFAULT_MAX_PAYLOAD_BYTES);
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Validates a length prefix read from the wire, before anything is allocated for the payload. */
    public void checkFrameLength(int length) throws ProtocolException {
        if (length <= 0) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "invalid frame length " + length);
        }
        if (length > maxPayloadBytes) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "frame length " + length + " exceeds the maximum of " + maxPayloadBytes);
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
        // Java 17: no pattern matching in switch yet, hence the chain.
        if (message instanceof Hello hello) {
            out.writeShort(hello.protocolMajor());
            out.writeShort(hello.protocolMinor());
            out.writeString(hello.agentVersion());
            out.writeString(hello.hostName());
            out.writeStrings(hello.capabilities());
        } else if (message instanceof Auth auth) {
            out.writeShort(auth.protocolMajor());
            out.writeShort(auth.protocolMinor());
            out.writeString(auth.token());
        } else if (message instanceof AuthOk ok) {
            out.writeString(ok.tokenName());
            out.writeStrings(ok.roles());
        } else if (message instanceof Request request) {
            out.writeInt(request.id());
            out.writeInt(request.timeoutMillis());
            out.writeString(request.command());
        } else if (message instanceof Output output) {
            out.writeInt(output.id());
            out.writeByte(output.kind().code());
            out.writeString(output.text());
        } else if (message instanceof Result result) {
            out.writeInt(result.id());
            out.writeByte(result.status().code());
            out.writeInt(result.exitCode());
            out.writeLong(result.durationMillis());
            out.writeByte(result.truncated() ? 1 : 0);
            out.writeString(result.message());
        } else if (message instanceof Cancel cancel) {
            out.writeInt(cancel.id());
        } else if (message instanceof Ping ping) {
            out.writeLong(ping.nonce());
        } else if (message instanceof Pong pong) {
            out.writeLong(pong.nonce());
        } else if (message instanceof Notice notice) {
            out.writeByte(notice.kind().code());
            out.writeString(notice.text());
        } else if (message instanceof ErrorReport error) {
            out.writeInt(error.id());
            out.writeShort(error.code().code());
            out.writeString(error.message());
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
                case HELLO -> new Hello(readShort(payload), readShort(payload), readString(payload), readString(payload),
                        readStrings(payload));
                case AUTH -> new Auth(readShort(payload), readShort(payload), readString(payload));
                case AUTH_OK -> new AuthOk(readString(payload), readStrings(payload));
                case REQUEST -> new Request(payload.getInt(), payload.getInt(), readString(payload));
                case OUTPUT -> new Output(payload.getInt(), OutputKind.ofCode(readByte(payload)), readString(payload));
                case RESULT -> new Result(payload.getInt(), ResultStatus.ofCode(readByte(payload)), payload.getInt(),
                        payload.getLong(), readFlag(payload), readString(payload));
                case CANCEL -> new Cancel(payload.getInt());
                case PING -> new Ping(payload.getLong());
                case PONG -> new Pong(payload.getLong());
                case NOTICE -> new Notice(NoticeKind.ofCode(readByte(payload)), readString(payload));
                case ERROR -> new ErrorReport(payload.getInt(), ErrorCode.ofCode(readShort(payload)), readString(payload));
            };
            if (payload.hasRemaining()) {
                throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                        payload.remaining() + " unexpected bytes after " + type + " message");
            }
            return message;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "truncated message", e);
        }
    }

    private static int readByte(ByteBuffer payload) {
        return Byte.toUnsignedInt(payload.get());
    }

    private static int readShort(ByteBuffer payload) {
        return Short.toUnsignedInt(payload.getShort());
    }

    private static boolean readFlag(ByteBuffer payload) throws ProtocolException {
        int flag = readByte(payload);
        if (flag > 1) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "invalid flag byte " + flag);
        }
        return flag == 1;
    }

    private static List<String> readStrings(ByteBuffer payload) throws ProtocolException {
        int count = readShort(payload);
        if (count > MAX_LIST_ITEMS) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "list of " + count + " items exceeds " + MAX_LIST_ITEMS);
        }
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(readString(payload));
        }
        return items;
    }

    private static String readString(ByteBuffer payload) throws ProtocolException {
        int length = payload.getInt();
        if (length < 0 || length > payload.remaining()) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    "string length " + length + " exceeds the " + payload.remaining() + " bytes left in the frame");
        }
        ByteBuffer bytes = payload.slice(payload.position(), length);
        payload.position(payload.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "invalid UTF-8 in string field", e);
        }
    }
}
