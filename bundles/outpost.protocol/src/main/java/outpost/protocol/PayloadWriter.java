package outpost.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Big-endian primitive writer for payloads; package-private helper of {@link FrameCodec}. A plain
 * growing array: ByteArrayOutputStream locks on every byte, which showed in the agent's profile.
 */
final class PayloadWriter {

    private byte[] bytes = new byte[256];
    private int size;

    void writeByte(int value) {
        ensureRoom(1);
        bytes[size++] = (byte) value;
    }

    void writeShort(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("value out of unsigned 16-bit range: " + value);
        }
        ensureRoom(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void writeInt(int value) {
        ensureRoom(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
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
        ensureRoom(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensureRoom(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
