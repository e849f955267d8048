package outpost.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec();

    /** One message of every type, with edge values. */
    static Stream<Message> everyType() {
        return Stream.of(
                Hello.current("1.0.0", "web-01.invalid", List.of("metrics", "shell", "cancel")),
                new Hello(7, 65535, "", "", List.of()),
                Auth.current("s3cret-token"),
                new AuthOk("ops", List.of("read", "execute")),
                new Request(1, 0, "cpu"),
                new Request(Integer.MAX_VALUE, 60_000, "sh: echo 'é ü ✓ 🚀'"),
                new Output(3, OutputKind.STDOUT, "line one\nline two\n"),
                new Output(3, OutputKind.STDERR, ""),
                new Result(3, ResultStatus.OK, 0, 12, false, ""),
                new Result(4, ResultStatus.TIMED_OUT, -1, Long.MAX_VALUE, true, "timed out after 60 s"),
                new Cancel(4),
                new Ping(Long.MIN_VALUE),
                new Pong(42),
                new Notice(NoticeKind.RESETTING, "agent resetting"),
                ErrorReport.fatal(ErrorCode.AUTH_FAILED, "unknown token"),
                new ErrorReport(9, ErrorCode.DUPLICATE_ID, "request 9 is already in flight"));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void everyMessageTypeSurvivesARoundTrip(Message message) throws Exception {
        byte[] frame = codec.encodeFrame(message);
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        assertEquals(frame.length - FrameCodec.LENGTH_PREFIX_BYTES, buffer.getInt());
        assertEquals(message, codec.decodePayload(buffer));
    }

    @Test
    void everyTypeIsCovered() {
        assertEquals(MessageType.values().length, everyType().map(Message::type).distinct().count());
    }

    @Test
    void randomMessagesSurviveARoundTrip() throws Exception {
        for (long seed = 1; seed <= 50; seed++) {
            RandomMessages messages = new RandomMessages(seed);
            for (int i = 0; i < 200; i++) {
                Message message = messages.next();
                byte[] payload = codec.encodePayload(message);
                assertEquals(message, codec.decodePayload(ByteBuffer.wrap(payload)), "seed " + seed + ", message " + i);
            }
        }
    }

    @Test
    void damagedPayloadsFailOnlyWithProtocolExceptions() throws Exception {
        // Truncation at every byte, and single-byte corruption: never a crash of another kind.
        RandomMessages messages = new RandomMessages(7);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] payload = codec.encodePayload(messages.next());
            for (int cut = 0; cut < Math.min(payload.length, 64); cut++) {
                ByteBuffer truncated = ByteBuffer.wrap(payload, 0, cut);
                assertThrows(ProtocolException.class, () -> codec.decodePayload(truncated));
            }
            byte[] corrupted = payload.clone();
            corrupted[random.nextInt(corrupted.length)] ^= (byte) (1 + random.nextInt(255));
            try {
                codec.decodePayload(ByteBuffer.wrap(corrupted));
            } catch (ProtocolException expected) {
                // a clean refusal; decoding to another valid message is fine too
            }
        }
    }

    @Test
    void requestHasTheDocumentedByteLayout() throws Exception {
        byte[] expected = { 0, 0, 0, 16, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 'c', 'p', 'u' };
        assertArrayEquals(expected, codec.encodeFrame(new Request(1, 0, "cpu")));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, Integer.MIN_VALUE, FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES + 1, Integer.MAX_VALUE })
    void frameLengthsOutsideTheLimitsAreRefused(int length) {
        assertThrows(ProtocolException.class, () -> codec.checkFrameLength(length));
    }

    @Test
    void theMaximumIsConfigurableAndItsViolationHasItsOwnCode() throws Exception {
        FrameCodec small = new FrameCodec(64);
        small.checkFrameLength(64);
        ProtocolException error = assertThrows(ProtocolException.class, () -> small.checkFrameLength(65));
        assertEquals(ErrorCode.FRAME_TOO_LARGE, error.code());
        assertTrue(error.getMessage().contains("maximum of 64"), error.getMessage());
        char[] big = new char[100];
        Arrays.fill(big, 'x');
        assertThrows(ProtocolException.class, () -> small.encodeFrame(new Request(1, new String(big))));
    }

    @Test
    void unknownTypesAndCodesAreProtocolErrors() {
        assertEquals("unknown message type 99", decodeError(99, 0, 0, 0, 1).getMessage());
        assertEquals("unknown output stream 9", decodeError(5, 0, 0, 0, 1, 9, 0, 0, 0, 0).getMessage());
        assertEquals("invalid flag byte 2",
                decodeError(6, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0).getMessage());
    }

    @Test
    void stringLengthBeyondTheFrameIsRefused() {
        ProtocolException error = decodeError(4, 0, 0, 0, 1, 0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF, 'a');
        assertTrue(error.getMessage().startsWith("string length"), error.getMessage());
    }

    @Test
    void hugeListCountsAreRefusedBeforeReadingThem() {
        ProtocolException error = decodeError(3, 0, 0, 0, 0, 0xFF, 0xFF);
        assertEquals("list of 65535 items exceeds 256", error.getMessage());
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        assertEquals("invalid UTF-8 in string field", decodeError(4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0xC3, 0x28).getMessage());
    }

    @Test
    void trailingBytesAreRefused() throws Exception {
        byte[] payload = codec.encodePayload(new Request(1, "os"));
        byte[] longer = Arrays.copyOf(payload, payload.length + 2);
        assertThrows(ProtocolException.class, () -> codec.decodePayload(ByteBuffer.wrap(longer)));
    }

    @Test
    void compatibilityFollowsTheMajorVersion() {
        assertTrue(Hello.current("1", "h", List.of()).isCompatible());
        assertTrue(new Hello(ProtocolVersion.MAJOR, ProtocolVersion.MINOR + 5, "1", "h", List.of()).isCompatible());
        assertFalse(new Hello(ProtocolVersion.MAJOR + 1, 0, "1", "h", List.of()).isCompatible());
    }

    @Test
    void authNeverShowsItsTokenInLogs() {
        assertFalse(Auth.current("s3cret-token").toString().contains("s3cret"));
    }

    private ProtocolException decodeError(int... bytes) {
        byte[] payload = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            payload[i] = (byte) bytes[i];
        }
        return assertThrows(ProtocolException.class, () -> codec.decodePayload(ByteBuffer.wrap(payload)));
    }
}
