package outpost.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The frame decoder fuzz target for 10 minutes, on demand: {@code releng/fuzz}. Not part of the build. */
class FrameDecoderLongFuzz {

    @FuzzTest(maxDuration = "10m")
    void decodingArbitraryBytesFailsOnlyWithProtocolExceptions(FuzzedDataProvider data) {
        FrameDecoderFuzzTest.decode(data);
    }
}
