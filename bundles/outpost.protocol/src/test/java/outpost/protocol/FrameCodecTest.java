package outpost.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec();

    static Stream<Message> messages() {
        return Stream.of(
                Hello.current("0.1.0", "web-01.example.org"),
                new Hello(7, 65535, "", ""),
                new Request(1, "cpu"),
                new Request(Integer.MAX_VALUE, "sh: echo 'é ü ✓ 🚀'"),
                new Reply(1, ReplyStatus.OK, "CPU: 12.5 %\nline two"),
                new Reply(-5, ReplyStatus.UNKNOWN_COMMAND, "unknown command 'x', try help"),
                new Reply(3, ReplyStatus.FAILED, ""));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageSurvivesARoundTrip(Message message) throws Exception {
        byte[] frame = codec.encodeFrame(message);
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int length = buffer.getInt();
        assertEquals(frame.length - FrameCodec.LENGTH_PREFIX_BYTES, length);
        assertEquals(message, codec.decodePayload(buffer));
    }

    @Test
    void requestHasTheDocumentedByteLayout() throws Exception {
        // The worked example of docs/PROTOCOL.md: request 1, command "cpu".
        byte[] expected = { 0, 0, 0, 12, 2, 0, 0, 0, 1, 0, 0, 0, 3, 'c', 'p', 'u' };
        assertArrayEquals(expected, codec.encodeFrame(new Request(1, "cpu")));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, Integer.MIN_VALUE, FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES + 1, Integer.MAX_VALUE })
    void frameLengthsOutsideTheLimitsAreRefused(int length) {
        assertThrows(ProtocolException.class, () -> codec.checkFrameLength(length));
    }

    @Test
    void theMaximumIsConfigurable() throws Exception {
        FrameCodec small = new FrameCodec(64);
        small.checkFrameLength(64);
        ProtocolException error = assertThrows(ProtocolException.class, () -> small.checkFrameLength(65));
        assertTrue(error.getMessage().contains("maximum of 64"), error.getMessage());
        char[] big = new char[100];
        Arrays.fill(big, 'x');
        assertThrows(ProtocolException.class, () -> small.encodeFrame(new Request(1, new String(big))));
    }

    @Test
    void unknownMessageTypeIsAProtocolError() {
        ProtocolException error = assertThrows(ProtocolException.class,
                () -> codec.decodePayload(ByteBuffer.wrap(new byte[] { 99, 0, 0, 0, 1 })));
        assertEquals("unknown message type 99", error.getMessage());
    }

    @Test
    void truncatedPayloadIsAProtocolError() throws Exception {
        byte[] payload = codec.encodePayload(new Request(4, "uptime"));
        for (int cut = 1; cut < payload.length; cut++) {
            ByteBuffer truncated = ByteBuffer.wrap(payload, 0, cut);
            assertThrows(ProtocolException.class, () -> codec.decodePayload(truncated), "cut at " + cut);
        }
    }

    @Test
    void stringLengthBeyondTheFrameIsRefused() {
        byte[] payload = { 2, 0, 0, 0, 1, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'a' };
        ProtocolException error = assertThrows(ProtocolException.class, () -> codec.decodePayload(ByteBuffer.wrap(payload)));
        assertTrue(error.getMessage().startsWith("string length"), error.getMessage());
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        byte[] payload = { 2, 0, 0, 0, 1, 0, 0, 0, 2, (byte) 0xC3, (byte) 0x28 };
        ProtocolException error = assertThrows(ProtocolException.class, () -> codec.decodePayload(ByteBuffer.wrap(payload)));
        assertEquals("invalid UTF-8 in string field", error.getMessage());
    }

    @Test
    void trailingBytesAreRefused() throws Exception {
        byte[] payload = codec.encodePayload(new Request(1, "os"));
        byte[] longer = Arrays.copyOf(payload, payload.length + 2);
        assertThrows(ProtocolException.class, () -> codec.decodePayload(ByteBuffer.wrap(longer)));
    }

    @Test
    void helloCompatibilityFollowsTheMajorVersion() {
        assertTrue(Hello.current("1", "h").isCompatible());
        assertTrue(new Hello(ProtocolVersion.MAJOR, ProtocolVersion.MINOR + 5, "1", "h").isCompatible());
        assertEquals(false, new Hello(ProtocolVersion.MAJOR + 1, 0, "1", "h").isCompatible());
    }
}
