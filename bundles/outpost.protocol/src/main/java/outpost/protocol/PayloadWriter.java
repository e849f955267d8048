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

    void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    void writeStrings(java.util.List<String> values) {
        if (values.size() > FrameCodec.MAX_LIST_ITEMS) {
            throw new IllegalArgumentException("list of " + values.size() + " items exceeds " + FrameCodec.MAX_LIST_ITEMS);
        }
        writeShort(values.size());
        values.forEach(this::writeString);
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
