package outpost.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Big-endian primitive writer for payloads; package-private helper of {@link FrameCodec}. */
final class PayloadWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);

    void writeByte(int value) {
        bytes.write(value);
    }

    void writeShort(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("value out of unsigned 16-bit range: " + value);
        }
        bytes.write(value >>> 8);
        bytes.write(value);
    }

    void writeInt(int value) {
        bytes.write(value >>> 24);
        bytes.write(value >>> 16);
        bytes.write(value >>> 8);
        bytes.write(value);
    }

    void writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        bytes.writeBytes(utf8);
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
