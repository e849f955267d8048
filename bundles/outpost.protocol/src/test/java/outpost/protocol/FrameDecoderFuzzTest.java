package outpost.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of what a peer controls: a frame's length prefix and payload.
 * Anything but a clean {@link ProtocolException} (an unchecked exception, an error, a hang) is a
 * finding, and whatever decodes must encode back to the same bytes. The build fuzzes for 10 s
 * (JAZZER_FUZZ=1 in the pom); {@code releng/fuzz} runs {@link FrameDecoderLongFuzz} for 10 minutes.
 */
class FrameDecoderFuzzTest {

    private static final FrameCodec CODEC = new FrameCodec(64 * 1024);

    @FuzzTest(maxDuration = "10s")
    void decodingArbitraryBytesFailsOnlyWithProtocolExceptions(FuzzedDataProvider data) {
        decode(data);
    }

    static void decode(FuzzedDataProvider data) {
        int length = data.consumeInt();
        byte[] payload = data.consumeRemainingAsBytes();
        try {
            CODEC.checkFrameLength(length);
            Message message = CODEC.decodePayload(ByteBuffer.wrap(payload));
            byte[] again = CODEC.encodePayload(message);
            if (!Arrays.equals(again, payload)) {
                throw new AssertionError("re-encoding " + message + " changed its bytes");
            }
        } catch (ProtocolException expected) {
            // refused cleanly
        }
    }
}
