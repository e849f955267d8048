package outpost.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Keeps docs/PROTOCOL.md honest: every worked example (a ```hex block followed by "Decodes to:
 * `...`") must decode to the message it names and encode back to the same bytes.
 */
class ProtocolDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "..", "docs", "PROTOCOL.md");
    private static final Pattern HEX_BYTE = Pattern.compile("[0-9a-f]{2}");

    record Example(int line, byte[] frame, String decodesTo) {
    }

    @Test
    void everyWorkedExampleDecodesToWhatTheDocumentSays() throws IOException {
        List<Example> examples = examples(Files.readAllLines(DOCUMENT));
        assertTrue(examples.size() >= 9, "the document has " + examples.size() + " worked examples");
        FrameCodec codec = new FrameCodec();
        List<MessageType> types = new ArrayList<>();
        for (Example example : examples) {
            ByteBuffer frame = ByteBuffer.wrap(example.frame());
            int length = frame.getInt();
            assertEquals(example.frame().length - FrameCodec.LENGTH_PREFIX_BYTES, length,
                    "length prefix of the example at line " + example.line());
            Message message = codec.decodePayload(frame);
            assertEquals(example.decodesTo(), message.toString(), "example at line " + example.line());
            assertArrayEquals(example.frame(), codec.encodeFrame(message), "re-encoding the example at line " + example.line());
            types.add(message.type());
        }
        assertTrue(types.stream().distinct().count() >= 9, "examples cover " + types);
    }

    static List<Example> examples(List<String> lines) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```hex")) {
                continue;
            }
            int start = i + 1;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (i = start; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                for (String token : lines.get(i).strip().split("\\s+")) {
                    if (!HEX_BYTE.matcher(token).matches()) {
                        break; // the comment begins
                    }
                    bytes.write(Integer.parseInt(token, 16));
                }
            }
            int next = i + 1;
            while (next < lines.size() && lines.get(next).isBlank()) {
                next++;
            }
            String decodes = next < lines.size() ? lines.get(next).strip() : "";
            assertTrue(decodes.startsWith("Decodes to: `") && decodes.endsWith("`"),
                    "line " + (next + 1) + " must say what the example at line " + start + " decodes to");
            examples.add(new Example(start, bytes.toByteArray(), decodes.substring("Decodes to: `".length(), decodes.length() - 1)));
        }
        return examples;
    }
}
